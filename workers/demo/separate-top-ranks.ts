import { SkiffError } from "../../shared/errors.js";
import type { DemoWindow } from "./demo-window.js";
import type { DemoZone } from "./generate-zones.js";
import { itemAt } from "./item-at.js";
import type { RequestRows } from "./request-rows.js";
import type { RequestSampler } from "./request-sampler.js";
import type { SeededRandom } from "./seeded-random.js";
import { sortByTotals, todayRanking } from "./today-ranking.js";

export interface SeparateTopRanksOptions {
  rows: RequestRows;
  sampler: RequestSampler;
  zones: readonly DemoZone[];
  window: DemoWindow;
  random: SeededRandom;
}

/** Ranks (1-based) whose today totals must all differ: every "top N" up to 100, with a margin past the cut. */
const FIRST_RANK = 1;
const LAST_RANK = 106;

/**
 * Removes ties in today's ranking down to rank 106 by giving the upper zone
 * of a tied pair a few more unsampled requests (a random few, so the fixed
 * ranks do not read as a 1-apart staircase). A tie at a cut would make "the
 * top 100 (or top 10) zones by traffic today" ambiguous, and the demo's
 * answers must be exact.
 */
export function separateTopRanks({ rows, sampler, zones, window, random }: SeparateTopRanksOptions): void {
  const { totals, order } = todayRanking(rows, zones.length, window.dayStartMs);
  for (let guard = 0; guard < 10_000; guard++) {
    const tied = firstTie(order, totals);
    if (tied === undefined) return;
    const zone = itemAt(zones, tied);
    const extra = random.int(1, 6);
    for (let k = 0; k < extra; k++) {
      rows.push(sampler.row(zone, Math.max(window.dayStartMs, zone.createdMs), window.requestsEndMs, 1));
    }
    totals[tied] = (totals[tied] ?? 0) + extra;
    sortByTotals(order, totals);
  }
  throw new SkiffError("INTERNAL", "the demo lake could not separate today's top ranks");
}

function firstTie(order: readonly number[], totals: Float64Array): number | undefined {
  for (let rank = FIRST_RANK; rank < LAST_RANK && rank < order.length; rank++) {
    const upper = order[rank - 1] ?? -1;
    if (totals[upper] === totals[order[rank] ?? -1]) return upper;
  }
  return undefined;
}
