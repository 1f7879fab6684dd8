import { stringify } from "csv-stringify/sync";
import type { Cell } from "../../shared/query-result.js";
import type { RunRecord } from "../../shared/run-record.js";

/** What a spreadsheet may read as the start of a formula (OWASP, CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;
/** A plain negative number: big integers and decimals travel as strings and are numbers, not formulas. */
const negativeNumber = /^-\d+(\.\d+)?$/;

/**
 * A text cell a spreadsheet shows as text: one that could start a formula
 * (`=cmd|' /C calc'!A0`, `@SUM(A1)`, `-2+3`) gets a leading `'`. Number
 * cells are left alone, negative ones included.
 */
function neutralise(cell: Cell): string | number | boolean {
  if (cell === null) return "";
  if (typeof cell !== "string") return cell;
  return formulaStart.test(cell) && !negativeNumber.test(cell) ? `'${cell}` : cell;
}

/** The run's whole result as CSV (header row first); empty when the run has no result. */
export function runCsv(run: RunRecord): string {
  if (!run.result) return "";
  return stringify([run.result.columns.map(neutralise), ...run.result.rows.map((row) => row.map(neutralise))]);
}
