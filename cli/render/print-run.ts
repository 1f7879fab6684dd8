import Table from "cli-table3";
import type { Cell } from "../../shared/query-result.js";
import type { RunRecord } from "../../shared/run-record.js";

const shownRows = 20;
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

const isoInstant = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):(\d{2})\.\d{3}Z$/;

/** Ids stay as they are (1817, not 1,817); midnight instants read as dates. */
function cellText(cell: Cell | undefined, column: string): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return /(^|_)id$|^rank$/.test(column) ? String(cell) : integer.format(cell);
  if (typeof cell === "boolean") return String(cell);
  const instant = isoInstant.exec(cell);
  if (instant) return instant[2] === "00:00" && instant[3] === "00" ? instant[1]! : `${instant[1]} ${instant[2]}`;
  return cell;
}

/** A run for a person at a terminal: the answer, a small table, the caveats, and every query behind it. */
export function formatRun(record: RunRecord, options: { showSql: boolean } = { showSql: true }): string {
  const out: string[] = [record.answer, ""];
  const result = record.result;
  if (result && result.columns.length > 0 && result.rows.length > 0) {
    const numeric = result.columns.map((_, i) => result.rows.every((row) => row[i] === null || typeof row[i] === "number"));
    const table = new Table({
      head: result.columns,
      style: { head: [], border: [], compact: true },
      colAligns: numeric.map((n) => (n ? "right" : "left")),
    });
    for (const row of result.rows.slice(0, shownRows)) table.push(row.map((cell, i) => cellText(cell, result.columns[i] ?? "")));
    out.push(table.toString());
    if (result.rows.length > shownRows) out.push(`… ${result.rows.length - shownRows} more rows (--json has them all)`);
    out.push("");
  }
  if (record.caveats.length > 0) {
    out.push("Caveats:");
    for (const caveat of record.caveats) out.push(`  • [${caveat.kind}] ${caveat.message}`);
    out.push("");
  }
  if (options.showSql && record.queries.length > 0) {
    out.push("Queries:");
    for (const query of record.queries) {
      const status = query.error ? `failed: ${query.error}` : `${query.rows} rows, ${query.ms} ms`;
      out.push(`  ${query.id} on ${query.source} — ${query.purpose} (${status})`);
      out.push(...query.sql.split("\n").map((line) => `      ${line}`));
    }
    out.push("");
  }
  out.push(`run ${record.id} · ${record.planner} planner · as of ${record.asOf} · ${record.durationMs} ms`);
  return out.join("\n");
}
