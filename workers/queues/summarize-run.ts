import type { AnswerSummary } from "../../shared/jobs/answer-job.js";
import type { RunRecord } from "../../shared/run-record.js";

/** Rows a Slack answer shows; the run page and its CSV have the rest. */
export const slackTableRows = 10;

/** The part of a run record the Slack answer shows. */
export function summarizeRun(record: RunRecord): AnswerSummary {
  const sources = [...new Set(record.queries.map((q) => q.source).filter((s) => s !== "scratch"))];
  return {
    status: record.status,
    question: record.question,
    answer: record.answer,
    caveats: record.caveats,
    ...(record.result
      ? { table: { columns: record.result.columns, rows: record.result.rows.slice(0, slackTableRows), totalRows: record.result.rows.length } }
      : {}),
    sources,
    queryCount: record.queries.length,
    durationMs: record.durationMs,
  };
}
