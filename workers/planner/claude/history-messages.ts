import type { RunRecord } from "../../../shared/run-record.js";
import { maskPiiText } from "../../../shared/scrub/mask-pii-text.js";

/** Earlier turns the model sees; older ones add tokens without helping a follow-up. */
const keptTurns = 5;
const shownRows = 5;

export type HistoryMessage = { role: "user" | "assistant"; content: string };

/** What an earlier answer looked like: its text, the SQL behind it and the head of its result. */
function summarizeRun(run: RunRecord): string {
  const lines = [run.answer];
  for (const query of run.queries.filter((q) => !q.error)) lines.push(`${query.id} on ${query.source} (${query.rows} rows): ${query.sql.replace(/\s+/g, " ")}`);
  if (run.result && run.result.columns.length > 0) {
    lines.push(`result columns: ${run.result.columns.join(", ")}; ${run.result.rows.length} rows`);
    for (const row of run.result.rows.slice(0, shownRows)) lines.push(row.map((cell) => JSON.stringify(cell)).join(", "));
  }
  return lines.join("\n");
}

/** The conversation so far as alternating user/assistant turns, so "now break that down by plan" has something to refer to. */
export function historyMessages(history: readonly RunRecord[]): HistoryMessage[] {
  return history.slice(-keptTurns).flatMap((run): HistoryMessage[] => [
    { role: "user", content: maskPiiText(run.question) },
    { role: "assistant", content: maskPiiText(summarizeRun(run)) },
  ]);
}
