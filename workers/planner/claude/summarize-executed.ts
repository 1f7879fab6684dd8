import type { Cell } from "../../../shared/query-result.js";
import type { ExecutedQuery } from "../../engine/planned-query.js";
import type { ToolOutcome } from "./tool-context.js";

/** Rows of a result the model sees; the rest stays in the run (and in scratch when saved). */
export const shownRows = 20;
/** A result this large is rarely an answer: usually a join fanning out or a missing GROUP BY. */
const explodedRows = 1_000;

function cellText(cell: Cell | undefined): string {
  return cell === undefined ? "null" : JSON.stringify(cell);
}

/** Checks on what ran, fed back to the model so it investigates instead of answering from a bad result. */
function selfChecks(executed: ExecutedQuery): string[] {
  const result = executed.result;
  if (!result) return [];
  const sql = executed.query.sql;
  const checks: string[] = [];
  if (result.rowCount === 0) {
    checks.push(
      /\bjoin\b/i.test(sql)
        ? "check: zero rows. A join or filter dropped everything: compare the join keys' values on both sides (describe source.table.column) before concluding there is nothing."
        : "check: zero rows. If rows were expected, check filter values against the column's known values (describe source.table.column) and the time range.",
    );
  } else if (result.rowCount === 1 && result.rows[0]?.every((cell) => cell === null)) {
    checks.push("check: one row of nulls. The aggregate saw no rows: the filter or time range matched nothing.");
  }
  if (result.truncated) {
    checks.push(`check: the result hit the row cap at ${result.rowCount} rows and is incomplete. Aggregate in SQL, filter, or check a join for a missing key.`);
  } else if (result.rowCount > explodedRows) {
    checks.push(`check: ${result.rowCount} rows is a lot for an answer. If a join multiplied rows, add the missing join key; otherwise aggregate.`);
  }
  return checks;
}

/**
 * A compact tool result: the query id, columns, the first rows, the row
 * count, caveats and self-checks. Never the whole result: the model needs the
 * shape and the numbers, and the run keeps the rest.
 */
export function summarizeExecuted(executed: ExecutedQuery, savedAs?: string): ToolOutcome {
  const { query } = executed;
  if (executed.error || !executed.result) {
    const error = executed.error;
    if (error?.code === "SQL_REJECTED") {
      return { isError: true, content: `${query.id} refused by the guard; nothing ran. ${error.message}` };
    }
    if (error?.code === "UNKNOWN_TABLE" || error?.code === "UNKNOWN_SOURCE") {
      return { isError: true, content: `${query.id} refused: ${error.message}. Use search_catalog and describe to find the right name.` };
    }
    return { isError: true, content: `${query.id} failed on ${query.source}: ${error?.message ?? "no result"}. Fix the statement and try again.` };
  }
  const result = executed.result;
  const lines = [
    `${query.id} on ${query.source}: ${result.rowCount} row${result.rowCount === 1 ? "" : "s"}${savedAs ? `, saved as ${savedAs}` : ""}`,
    `columns: ${result.columns.map((c) => `${c.name} ${c.type}`).join(", ")}`,
  ];
  if (result.rows.length > 0) {
    const shown = result.rows.slice(0, shownRows);
    lines.push(result.rows.length > shown.length ? `first ${shown.length} rows:` : "rows:");
    for (const row of shown) lines.push(row.map(cellText).join(", "));
  }
  for (const caveat of executed.caveats) lines.push(`caveat ${caveat.kind}: ${caveat.message}`);
  lines.push(...selfChecks(executed));
  return { content: lines.join("\n") };
}
