import { stringify } from "csv-stringify/sync";
import type { RunRecord } from "../../shared/run-record.js";

/** The run's whole result as CSV (header row first); empty when the run has no result. */
export function runCsv(run: RunRecord): string {
  if (!run.result) return "";
  return stringify([run.result.columns, ...run.result.rows.map((row) => row.map((cell) => (cell === null ? "" : cell)))]);
}
