import type { RunResult } from "../../../shared/run-record.js";
import type { ExecutedQuery } from "../../engine/planned-query.js";

/** The rows of a query that must have worked for the answer to stand; its error otherwise. */
export function requireResult(executed: ExecutedQuery): RunResult {
  if (executed.error || !executed.result) throw executed.error ?? new Error(`query ${executed.query.id} returned no result`);
  return { columns: executed.result.columns.map((c) => c.name), rows: executed.result.rows };
}
