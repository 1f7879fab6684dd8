import { tableId } from "../../../catalog/model/catalog.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { Caveat } from "../../../shared/caveat.js";
import type { TimeWindow } from "../planned-query.js";
import { dayMs, formatAge, formatDuration, isoDay, startOfUtcDay } from "./format-time.js";

/** What a live freshness check found: the newest value of the table's freshness column. */
export interface FreshnessReading {
  /** `YYYY-MM-DD` for DATE columns, an ISO instant otherwise; null when the table has no rows. */
  newest: string | null;
  /** The column holds days, not instants: a day's data arrives whole, after the day. */
  dateTyped: boolean;
}

/**
 * The `stale` caveat when the data the question needs is not loaded yet, or undefined.
 *
 * For a DATE column: when the window includes a day after the newest loaded day.
 * For a timestamp column: when the newest row is further behind the end of the
 * window (or now, if that is earlier) than the table's promised lag. A table
 * that is behind but still covers the whole window gets no caveat: the answer is
 * complete.
 */
export function staleCaveat(table: Table, reading: FreshnessReading, window: TimeWindow, now: Date): Caveat | undefined {
  if (!table.freshness) return undefined;
  const id = tableId(table);
  const maxLag = table.freshness.maxLag;
  if (reading.newest === null) {
    return { kind: "stale", table: id, message: `${id} has no ${table.freshness.column} values at all, so it looks empty or not loaded` };
  }
  const newestMs = Date.parse(reading.dateTyped ? `${reading.newest.slice(0, 10)}T00:00:00Z` : reading.newest);
  if (Number.isNaN(newestMs)) return undefined;
  if (reading.dateTyped) {
    const firstMissing = newestMs + dayMs;
    const firstAsked = Math.max(firstMissing, startOfUtcDay(window.start));
    // The last day the window reaches, no later than today: tomorrow's data is not late yet.
    const lastAsked = startOfUtcDay(Math.min(window.end.getTime() - 1, now.getTime()));
    if (lastAsked < firstAsked) return undefined;
    const missing = lastAsked === firstAsked ? `${isoDay(firstAsked)} is` : `${isoDay(firstAsked)} to ${isoDay(lastAsked)} are`;
    const behind = now.getTime() - firstMissing > maxLag ? `; that is later than its promise of ${formatDuration(maxLag)}` : "";
    return {
      kind: "stale",
      table: id,
      message: `${id} is loaded once a day; the newest data is for ${isoDay(newestMs)}, so ${missing} not in yet${behind}`,
    };
  }
  const reach = Math.min(window.end.getTime(), now.getTime());
  if (reach - newestMs <= maxLag) return undefined;
  return {
    kind: "stale",
    table: id,
    message: `${id} is behind: its newest row is from ${new Date(newestMs).toISOString()}, ${formatAge(now.getTime() - newestMs)} ago (it promises at most ${formatDuration(maxLag)}), so the answer misses anything after that`,
  };
}
