import type { Cell } from "../../../shared/query-result.js";
import type { RunResult } from "../../../shared/run-record.js";
import type { TimeWindow } from "../../engine/planned-query.js";
import type { TimeGrain } from "../../sql/time-grain.js";
import { addUtcDays, addUtcMonths, startOfUtcDay, startOfUtcMonth, startOfUtcWeek } from "./utc-calendar.js";

const maxBuckets = 1_000;

function bucketStart(at: Date, grain: TimeGrain): Date {
  switch (grain) {
    case "hour":
      return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
    case "day":
      return startOfUtcDay(at);
    case "week":
      return startOfUtcWeek(at);
    case "month":
      return startOfUtcMonth(at);
  }
}

function nextBucket(at: Date, grain: TimeGrain): Date {
  if (grain === "hour") return new Date(at.getTime() + 3_600_000);
  if (grain === "day") return addUtcDays(at, 1);
  if (grain === "week") return addUtcDays(at, 7);
  return addUtcMonths(at, 1);
}

/**
 * A time series with every bucket of the window present: a day with no signups
 * shows 0 rather than disappearing from the table.
 */
export function fillTimeBuckets(result: RunResult, grain: TimeGrain, window: TimeWindow, metric: string): RunResult {
  const timeIndex = result.columns.indexOf(grain);
  const metricIndex = result.columns.indexOf(metric);
  if (timeIndex < 0 || metricIndex < 0) return result;
  const byStart = new Map<number, Cell[]>();
  for (const row of result.rows) byStart.set(Date.parse(String(row[timeIndex])), row);
  const dateOnly = result.rows.some((row) => String(row[timeIndex]).length === 10);
  const rows: Cell[][] = [];
  for (let at = bucketStart(window.start, grain); at < window.end && rows.length < maxBuckets; at = nextBucket(at, grain)) {
    const existing = byStart.get(at.getTime());
    if (existing) {
      rows.push(existing);
      continue;
    }
    const row: Cell[] = result.columns.map(() => null);
    row[timeIndex] = dateOnly ? at.toISOString().slice(0, 10) : at.toISOString();
    row[metricIndex] = 0;
    rows.push(row);
  }
  return rows.length >= result.rows.length ? { columns: result.columns, rows } : result;
}
