import { addLaunchTraffic } from "./add-launch-traffic.js";
import type { DemoPlan } from "./demo-plan.js";
import { DAY_MS, type DemoWindow } from "./demo-window.js";
import type { DemoZone } from "./generate-zones.js";
import type { DemoAccount } from "./generate-accounts.js";
import { RequestRows } from "./request-rows.js";
import { createRequestSampler } from "./request-sampler.js";
import type { SeededRandom } from "./seeded-random.js";
import { separateTopRanks } from "./separate-top-ranks.js";
import { weightedPicker } from "./weighted-picker.js";

export interface GenerateHttpRequestsOptions {
  window: DemoWindow;
  scale: number;
  random: SeededRandom;
  zones: readonly DemoZone[];
  accounts: readonly DemoAccount[];
}

export interface HttpRequestsData {
  rows: RequestRows;
  /** The IPv4 address behind a row's ipCode. */
  ip: (ipCode: number) => string;
}

/** Weighted requests a day for the busiest zone at scale 1; rank r gets this / r^ZIPF. */
const TOP_ZONE_DAILY = 200_000;
const ZIPF = 1.5;
const planBoost: Record<DemoPlan, number> = { free: 1, pro: 3, business: 8, enterprise: 25 };

/**
 * Adaptive sampling as an edge log pipeline does it: the busier the zone,
 * the fewer rows it keeps. Mixed intervals within a zone are realistic and
 * keep request totals from all being round numbers.
 */
const samplingBands = [
  { minDaily: 500, pick: weightedPicker([[100, 0.85], [10, 0.15]] as const), meanInterval: 86.5 },
  { minDaily: 2, pick: weightedPicker([[10, 0.75], [1, 0.25]] as const), meanInterval: 7.75 },
  { minDaily: 0, pick: weightedPicker([[1, 1]] as const), meanInterval: 1 },
] as const;

/** Thirty days of sampled edge requests over active zones: Zipf-like across zones, with a daily cycle. */
export function generateHttpRequests(options: GenerateHttpRequestsOptions): HttpRequestsData {
  const { window, scale, zones } = options;
  const random = options.random.fork("rows");
  const sampler = createRequestSampler({ random, scale, zones, accounts: options.accounts });
  const rows = new RequestRows();
  const ranked = rankZones(options.random.fork("ranking"), zones, window);

  ranked.forEach((zone, i) => {
    const daily = (scale * TOP_ZONE_DAILY) / (i + 1) ** ZIPF;
    const fromMs = Math.max(window.requestsStartMs, zone.createdMs);
    const toMs = window.requestsEndMs;
    if (fromMs >= toMs) return;
    const band = samplingBands.find((candidate) => daily >= candidate.minDaily) ?? samplingBands[2];
    const count = random.poisson((daily * (toMs - fromMs)) / DAY_MS / band.meanInterval);
    for (let k = 0; k < count; k++) rows.push(sampler.row(zone, fromMs, toMs, band.pick(random)));
  });

  // The pipeline's lag is the only gap before asOf: the busiest zone always
  // has a request in the last few seconds before the newest ingested moment.
  const busiest = ranked.find((zone) => zone.createdMs < window.requestsEndMs - 3_000);
  if (busiest !== undefined) {
    rows.push(sampler.row(busiest, window.requestsEndMs - 3_000, window.requestsEndMs, 100));
  }

  addLaunchTraffic({ rows, sampler, zones, window, random: random.fork("launches") });
  separateTopRanks({ rows, sampler, zones, window, random: random.fork("ties") });
  return { rows, ip: sampler.ip };
}

/**
 * Active zones busiest first. Bigger plans tend to be busier; today's
 * ordinary signups go last (they have barely started), and launches get
 * their traffic separately.
 */
function rankZones(random: SeededRandom, zones: readonly DemoZone[], window: DemoWindow): DemoZone[] {
  const scored = zones.map((zone) => {
    const appetite = planBoost[zone.plan] * random.logNormal(1, 1);
    const eligible = zone.status === "active" && !zone.launch;
    return { zone, eligible, score: zone.createdMs >= window.dayStartMs ? 0 : appetite };
  });
  return scored
    .filter((entry) => entry.eligible)
    .sort((x, y) => y.score - x.score || x.zone.index - y.zone.index)
    .map((entry) => entry.zone);
}
