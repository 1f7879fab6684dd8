import type { Table } from "../../../catalog/model/table-schema.js";
import type { TimeRange } from "./parse-time-phrases.js";
import { addUtcDays, addUtcMonths, formatUtc, formatUtcDate, startOfUtcDay } from "./utc-calendar.js";

/** Reads a DATE time column's rolling range as whole days: "last 30 days" is the 30 full days before today. */
export function fitTimeRange(range: TimeRange, table: Table, column: string, asOf: Date): { range: TimeRange; note?: string } {
  const isDate = table.columns.find((c) => c.name === column)?.type.toUpperCase() === "DATE";
  if (!isDate || range.kind !== "rolling" || range.unit === "hour") return { range };
  const end = startOfUtcDay(asOf);
  const start =
    range.unit === "day" ? addUtcDays(end, -range.count) : range.unit === "week" ? addUtcDays(end, -7 * range.count) : addUtcMonths(end, -range.count * (range.unit === "year" ? 12 : 1));
  const fitted = { ...range, window: { start, end } };
  const note = `"${range.label.replace(/^in /, "")}" read as the full days ${formatUtcDate(start)} to ${formatUtcDate(addUtcDays(end, -1))} (${table.name}.${column} holds whole UTC days)`;
  return { range: fitted, note };
}

export function windowNote(range: TimeRange): string {
  const { start, end } = range.window;
  const words = range.label.replace(/^in /, "");
  return `"${words}" read as ${formatUtc(start)} to ${formatUtc(end)} UTC${range.unit === "week" && range.kind === "calendar" ? " (weeks start on Monday)" : ""}`;
}
