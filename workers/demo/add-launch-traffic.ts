import type { DemoWindow } from "./demo-window.js";
import type { DemoZone } from "./generate-zones.js";
import type { RequestRows } from "./request-rows.js";
import type { RequestSampler } from "./request-sampler.js";
import type { SeededRandom } from "./seeded-random.js";
import { todayRanking } from "./today-ranking.js";

export interface AddLaunchTrafficOptions {
  rows: RequestRows;
  sampler: RequestSampler;
  zones: readonly DemoZone[];
  window: DemoWindow;
  random: SeededRandom;
}

/** Today's ranks (1-based) the launches aim just above, spread so they do not cluster. */
const FIRST_TARGET_RANK = 6;
const LAST_TARGET_RANK = 60;

/**
 * Gives each zone that launches today exactly enough traffic, from its signup
 * on, to beat today's zone at a chosen rank between 6 and 60. That is what
 * makes "how many of today's signups are in the top 100 by traffic?" a
 * non-trivial answer (a handful, not none and not all).
 */
export function addLaunchTraffic({ rows, sampler, zones, window, random }: AddLaunchTrafficOptions): void {
  const launches = zones.filter((zone) => zone.launch && zone.createdMs < window.requestsEndMs);
  if (launches.length === 0) return;
  const { totals, order } = todayRanking(rows, zones.length, window.dayStartMs);
  const step = launches.length > 1 ? (LAST_TARGET_RANK - FIRST_TARGET_RANK) / (launches.length - 1) : 0;

  launches.forEach((zone, i) => {
    const rank = Math.round(FIRST_TARGET_RANK + i * step);
    const beat = totals[order[Math.min(rank, order.length) - 1] ?? -1] ?? 0;
    let remaining = beat + 1 + random.int(0, Math.max(2, Math.round(beat * 0.04)));
    while (remaining > 0) {
      // Busy from the first minute, so sampled like any busy zone; the last
      // rows step down to finer intervals to land on the target exactly.
      let interval = random.chance(0.85) ? 100 : 10;
      while (interval > remaining) interval /= 10;
      rows.push(sampler.row(zone, zone.createdMs, window.requestsEndMs, interval));
      remaining -= interval;
    }
  });
}
