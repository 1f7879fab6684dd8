import type { RunRecord } from "../../shared/run-record.js";

/** The `--json` contract of `skiff ask` and `skiff sql`: one object, stable keys. */
export interface JsonOutput {
  run_id: string;
  question: string;
  status: RunRecord["status"];
  answer: string;
  result: { columns: string[]; rows: unknown[][] };
  caveats: Array<{ kind: string; message: string }>;
  queries: Array<{ id: string; source: string; sql: string; purpose: string; rows: number; ms: number; error?: string }>;
  planner: RunRecord["planner"];
  as_of: string;
  duration_ms: number;
}

export function toJsonOutput(record: RunRecord): JsonOutput {
  return {
    run_id: record.id,
    question: record.question,
    status: record.status,
    answer: record.answer,
    result: record.result ?? { columns: [], rows: [] },
    caveats: record.caveats.map((c) => ({ kind: c.kind, message: c.message })),
    queries: record.queries.map((q) => ({
      id: q.id,
      source: q.source,
      sql: q.sql,
      purpose: q.purpose,
      rows: q.rows,
      ms: q.ms,
      ...(q.error ? { error: q.error } : {}),
    })),
    planner: record.planner,
    as_of: record.asOf,
    duration_ms: record.durationMs,
  };
}
