import { demoVocabulary } from "./demo-vocabulary.js";
import { DAY_MS } from "./demo-window.js";
import type { DemoAccount } from "./generate-accounts.js";
import type { DemoZone } from "./generate-zones.js";
import { itemAt } from "./item-at.js";
import type { RequestRow } from "./request-rows.js";
import type { SeededRandom } from "./seeded-random.js";
import { weightedPicker } from "./weighted-picker.js";

export const requestCountries: readonly string[] = demoVocabulary.visitorCountries.map(([code]) => code);
export const cacheStatuses = ["hit", "miss", "expired", "bypass", "dynamic", "revalidated"] as const;

/** Draws the attributes of one sampled request for a zone. */
export interface RequestSampler {
  /** A request on `zone` at a time in [fromMs, toMs] following the daily cycle, standing for `interval` requests. */
  row: (zone: DemoZone, fromMs: number, toMs: number, interval: number) => RequestRow;
  /** The client IPv4 address behind an ipCode. */
  ip: (ipCode: number) => string;
}

export interface RequestSamplerOptions {
  random: SeededRandom;
  scale: number;
  zones: readonly DemoZone[];
  accounts: readonly DemoAccount[];
}

const HIT = 0;
const pickVisitorCountry = weightedPicker(demoVocabulary.visitorCountries.map(([, weight], code) => [code, weight] as const));
const pickMissCache = weightedPicker([[1, 37], [2, 10], [3, 13], [4, 34], [5, 6]] as const);
const pickCachedStatus = weightedPicker([[200, 86], [304, 9], [404, 3], [301, 1], [302, 1]] as const);
const pickUncachedStatus = weightedPicker([
  [200, 77], [204, 2], [301, 2], [302, 2], [304, 2], [400, 1.5], [403, 2.5],
  [404, 4.5], [429, 1.5], [500, 1.2], [502, 1.3], [503, 2], [504, 0.5],
] as const);
/** Peak-to-mean of the daily cycle below, for rejection sampling. */
const CYCLE_MAX = 1.45;

export function createRequestSampler({ random, scale, zones, accounts }: RequestSamplerOptions): RequestSampler {
  // Zone traits are drawn up front from their own stream, so they do not
  // depend on how many rows other zones happened to draw before them.
  const traits = random.fork("zone-traits");
  const homeCountry = zones.map((zone) => requestCountries.indexOf(itemAt(accounts, zone.accountIndex).country));
  const hitRatio = zones.map(() => Math.min(0.9, Math.max(0.3, 0.63 + 0.08 * traits.normal())));
  const ips = ipPool(random.fork("ip-pool"), Math.max(2000, Math.round(50_000 * scale)));

  return {
    row(zone, fromMs, toMs, interval) {
      const home = homeCountry[zone.index] ?? -1;
      const hit = random.chance(hitRatio[zone.index] ?? 0.63);
      const status = hit ? pickCachedStatus(random) : pickUncachedStatus(random);
      return {
        tsMs: cycleTime(random, fromMs, toMs),
        zoneIndex: zone.index,
        countryCode: home >= 0 && random.chance(0.45) ? home : pickVisitorCountry(random),
        status,
        cacheCode: hit ? HIT : pickMissCache(random),
        bytes: responseBytes(random, status),
        // A few clients (crawlers, offices behind NAT) send most requests.
        ipCode: Math.floor(ips.length * random.next() ** 3),
        interval,
      };
    },
    ip: (ipCode) => itemAt(ips, ipCode),
  };
}

/** A time in [fromMs, toMs] weighted by traffic's daily cycle: peak 14:00 UTC, trough 02:00, quieter weekends. */
function cycleTime(random: SeededRandom, fromMs: number, toMs: number): number {
  for (;;) {
    const ts = Math.floor(fromMs + random.next() * (toMs - fromMs + 1));
    const hour = (ts % DAY_MS) / 3_600_000;
    const weekday = (Math.floor(ts / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    const weight = (1 + 0.45 * Math.sin((2 * Math.PI * (hour - 8)) / 24)) * (weekday === 0 || weekday === 6 ? 0.85 : 1);
    if (random.next() * CYCLE_MAX <= weight) return Math.min(ts, toMs);
  }
}

function responseBytes(random: SeededRandom, status: number): number {
  if (status === 200) return Math.round(Math.min(250e6, Math.max(150, random.logNormal(16_000, 1.5))));
  if (status === 204 || status === 304) return random.int(180, 420);
  if (status === 301 || status === 302) return random.int(300, 720);
  return Math.round(random.logNormal(1_800, 0.5));
}

/** Distinct public-looking IPv4 addresses (no private, loopback or reserved first octets). */
function ipPool(random: SeededRandom, size: number): string[] {
  const reserved = new Set([0, 10, 100, 127, 169, 172, 192, 198, 203]);
  const seen = new Set<string>();
  while (seen.size < size) {
    const first = random.int(1, 224);
    if (reserved.has(first)) continue;
    seen.add(`${first}.${random.int(0, 256)}.${random.int(0, 256)}.${random.int(1, 255)}`);
  }
  return [...seen];
}
