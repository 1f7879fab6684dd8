import type { Table } from "../../catalog/model/table-schema.js";
import type { TimeWindow } from "../engine/planned-query.js";
import type { Dialect } from "./dialect.js";
import { renderDate, renderTimestamp } from "./render-literal.js";

/** `column` within the window: [start, end) for timestamps; whole days for DATE columns. */
export function windowPredicate(table: Table, column: string, window: TimeWindow, dialect: Dialect): string {
  const type = table.columns.find((c) => c.name === column)?.type.toUpperCase() ?? "TIMESTAMP";
  if (type === "DATE") {
    // A DATE column holds whole UTC days: a window ending mid-day still includes that day.
    const endsAtMidnight = window.end.getTime() % 86_400_000 === 0;
    const upper = endsAtMidnight ? `< ${renderDate(window.end, dialect)}` : `<= ${renderDate(window.end, dialect)}`;
    return `${column} >= ${renderDate(window.start, dialect)} AND ${column} ${upper}`;
  }
  return `${column} >= ${renderTimestamp(window.start, dialect)} AND ${column} < ${renderTimestamp(window.end, dialect)}`;
}
