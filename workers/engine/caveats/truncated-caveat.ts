import type { Caveat } from "../../../shared/caveat.js";
import type { QueryResult } from "../../../shared/query-result.js";

/** How a source adapter marks a cell it cut at the cell byte cap (see `cutMarker`). */
const cutCell = /…\[cut at [^\]]+\]$/;

/**
 * The `truncated` caveat for a result a cap cut short, saying which cap: long
 * values cut at the cell cap, rows stopped at the result byte cap, or the row cap.
 */
export function truncatedCaveat(result: Pick<QueryResult, "rows" | "rowCount">, maxRows?: number): Caveat {
  const rows = result.rowCount.toLocaleString("en-US");
  const cut = result.rows.reduce((count, row) => count + row.filter((cell) => typeof cell === "string" && cutCell.test(cell)).length, 0);
  const parts: string[] = [];
  if (cut > 0) parts.push(`${cut.toLocaleString("en-US")} long ${cut === 1 ? "value was" : "values were"} cut (each ends with …[cut at …])`);
  if (maxRows !== undefined && result.rowCount < maxRows && cut === 0) parts.push(`the result reached Skiff's size limit after ${rows} rows; the full result has more`);
  else if (maxRows === undefined || result.rowCount >= maxRows) parts.push(`showing the first ${rows} rows; the full result has more`);
  return { kind: "truncated", message: parts.join("; ") };
}
