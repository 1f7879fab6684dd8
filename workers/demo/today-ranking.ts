import type { RequestRows } from "./request-rows.js";

/** Zones ranked by today's requests, the way "top zones by traffic today" ranks them. */
export interface TodayRanking {
  /** sum(sample_interval) of today's rows, by zone index. */
  totals: Float64Array;
  /** Zone indexes with traffic today, busiest first (ties by zone index). */
  order: number[];
}

export function todayRanking(rows: RequestRows, zoneCount: number, dayStartMs: number): TodayRanking {
  const totals = new Float64Array(zoneCount);
  for (let i = 0; i < rows.length; i++) {
    if ((rows.tsMs[i] ?? 0) >= dayStartMs) {
      const zone = rows.zoneIndex[i] ?? 0;
      totals[zone] = (totals[zone] ?? 0) + (rows.interval[i] ?? 0);
    }
  }
  const order: number[] = [];
  totals.forEach((total, zone) => {
    if (total > 0) order.push(zone);
  });
  sortByTotals(order, totals);
  return { totals, order };
}

export function sortByTotals(order: number[], totals: Float64Array): void {
  order.sort((x, y) => (totals[y] ?? 0) - (totals[x] ?? 0) || x - y);
}
