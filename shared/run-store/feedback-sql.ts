import { SkiffError } from "../errors.js";
import { runFeedbackSchema, type RunFeedback } from "../run-feedback.js";

/** Portable SQL for run feedback: the same statements on the embedded store and on Postgres. */
export const saveFeedbackSql = `INSERT INTO run_feedback (run_id, user_id, rating, comment, created_at)
  VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP))
  ON CONFLICT (run_id, user_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at`;

export const listFeedbackSql =
  "SELECT run_id, user_id, rating, comment, CAST(created_at AS VARCHAR) FROM run_feedback WHERE run_id = $1 ORDER BY created_at, user_id";

/** Parameters for {@link saveFeedbackSql}, checked against the schema first. */
export function feedbackParams(feedback: RunFeedback): [string, string, string, string | null, string] {
  const valid = runFeedbackSchema.parse(feedback);
  const at = new Date(valid.createdAt);
  if (Number.isNaN(at.getTime())) throw new SkiffError("INTERNAL", `feedback on run ${valid.runId} has an unreadable createdAt: ${valid.createdAt}`);
  return [valid.runId, valid.user, valid.rating, valid.comment ?? null, at.toISOString().replace("T", " ").replace("Z", "")];
}

/** One row of {@link listFeedbackSql}, in column order. */
export function feedbackFromRow(row: readonly unknown[]): RunFeedback {
  const [runId, user, rating, comment, createdAt] = row.map((cell) => (typeof cell === "string" ? cell : undefined));
  return runFeedbackSchema.parse({
    runId,
    user,
    rating,
    ...(comment ? { comment } : {}),
    createdAt: isoFromSql(createdAt ?? ""),
  });
}

/** `2026-11-30 12:00:00[.fraction]` (UTC wall time, as both engines print it) to ISO 8601 with milliseconds. */
function isoFromSql(text: string): string {
  const at = new Date(`${text.replace(" ", "T")}Z`);
  if (Number.isNaN(at.getTime())) throw new SkiffError("INTERNAL", `run feedback holds an unreadable time: ${text}`);
  return at.toISOString();
}
