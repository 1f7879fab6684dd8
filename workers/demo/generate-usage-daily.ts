import type { DemoAccount } from "./generate-accounts.js";
import type { DemoPlan } from "./demo-plan.js";
import { DAY_MS, type DemoWindow } from "./demo-window.js";
import type { SeededRandom } from "./seeded-random.js";
import { usageProducts, usageProductTerms as terms, type UsageProduct } from "./usage-product-terms.js";

export interface UsageRow {
  /** Days since 1970-01-01 (UTC). */
  day: number;
  accountId: number;
  product: UsageProduct;
  quantity: number;
  /** cost_usd in cents, so DECIMAL(12,2) is written exactly. */
  cents: number;
}

export interface GenerateUsageDailyOptions {
  window: DemoWindow;
  scale: number;
  random: SeededRandom;
  accounts: readonly DemoAccount[];
}

/**
 * Storage trends of the biggest R2 customers over the 90 days (t from 0 to 1),
 * chosen so the last 30 days and the 30 before tell different stories.
 * A factor of 0 means the customer had not started yet.
 */
const bigSpenderTrends: readonly ((t: number) => number)[] = [
  (t) => 1 + 0.6 * t, // steady growth
  (t) => (t < 0.55 ? 1 : 1 - 1.45 * (t - 0.55)), // moving data out
  (t) => (t < 0.38 ? 0 : Math.min(1.3, (t - 0.38) * 4)), // new customer ramping up
  () => 1, // flat
  (t) => (t < 0.7 ? 1 : 1.8), // a new bucket, a step up
  (t) => 1 - 0.3 * t, // slow clean-up
  (t) => (t > 0.35 && t < 0.65 ? 1.7 : 1), // a one-off backfill in the prior period
  (t) => 1 + 0.25 * t,
];

interface Adoption {
  account: DemoAccount;
  product: UsageProduct;
  base: number;
  trend: (t: number) => number;
  firstDay: number;
  lastDay: number;
  discount: number;
}

/** 90 days of daily usage, loaded through yesterday; ordered by day, account and product. */
export function generateUsageDaily({ window, scale, random, accounts }: GenerateUsageDailyOptions): UsageRow[] {
  const adoptions = adopt(random.fork("adoption"), window, scale, accounts);
  const daily = random.fork("daily");
  const rows: UsageRow[] = [];
  const span = window.usageLastDay - window.usageFirstDay;
  for (let day = window.usageFirstDay; day <= window.usageLastDay; day++) {
    const t = (day - window.usageFirstDay) / span;
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    for (const adoption of adoptions) {
      if (day < adoption.firstDay || day > adoption.lastDay) continue;
      const productTerms = terms[adoption.product];
      if (!daily.chance(productTerms.activeDays)) continue;
      const level = adoption.trend(t);
      if (level <= 0) continue;
      const weekly = productTerms.weekly && (weekday === 0 || weekday === 6) ? 0.8 : 1;
      const jitter = Math.max(0.05, 1 + productTerms.noise * daily.normal());
      const quantity = round(adoption.base * level * weekly * jitter, productTerms.decimals);
      if (quantity <= 0) continue;
      const cents = Math.round(quantity * productTerms.unitPrice * adoption.discount * 100);
      rows.push({ day, accountId: adoption.account.id, product: adoption.product, quantity, cents });
    }
  }
  return rows;
}

function adopt(random: SeededRandom, window: DemoWindow, scale: number, accounts: readonly DemoAccount[]): Adoption[] {
  const adoptions: Adoption[] = [];
  const r2Storage: Adoption[] = [];
  for (const account of accounts) {
    const discount =
      account.plan === "enterprise" ? random.between(0.6, 0.85) : account.plan === "business" ? random.between(0.9, 1) : 1;
    const createdDay = Math.floor(account.createdMs / DAY_MS);
    for (const product of usageProducts) {
      const uptake = terms[product].uptake;
      if (uptake === undefined || !random.chance(uptake.adoption[account.plan])) continue;
      const growth = Math.min(1, Math.max(-0.5, 0.1 + 0.25 * random.normal()));
      const adoption: Adoption = {
        account,
        product,
        base: random.logNormal(uptake.median[account.plan], 1.1),
        trend: (t) => 1 + growth * t,
        firstDay: firstDay(random, window, createdDay),
        lastDay: random.chance(0.04) ? random.int(window.usageFirstDay + 30, window.usageLastDay) : window.usageLastDay,
        discount,
      };
      adoptions.push(adoption);
      if (product === "r2_storage") r2Storage.push(adoption);
      // Whoever stores objects also reads and writes them.
      if (product === "r2_storage" && random.chance(0.8)) {
        adoptions.push({ ...adoption, product: "r2_operations", base: adoption.base * random.logNormal(40, 0.8) });
      }
    }
  }
  makeBigSpenders(random, window, scale, r2Storage, adoptions);
  // Rows go out ordered by account and product within a day.
  return adoptions.sort(
    (x, y) => x.account.id - y.account.id || usageProducts.indexOf(x.product) - usageProducts.indexOf(y.product),
  );
}

/** Most users start before the 90-day window; a few adopt during it, never before their account exists. */
function firstDay(random: SeededRandom, window: DemoWindow, createdDay: number): number {
  if (createdDay >= window.usageFirstDay) return createdDay + random.int(0, 15);
  return random.chance(0.8) ? window.usageFirstDay : random.int(window.usageFirstDay, window.usageLastDay + 1);
}

/** A few R2 customers hold petabytes, each with its own trend, so "top R2 spenders, this month vs last" has a story. */
function makeBigSpenders(
  random: SeededRandom,
  window: DemoWindow,
  scale: number,
  r2Storage: readonly Adoption[],
  adoptions: readonly Adoption[],
): void {
  const planRank: Record<DemoPlan, number> = { enterprise: 0, business: 1, pro: 2, free: 3 };
  const count = Math.max(6, Math.min(bigSpenderTrends.length, Math.round(8 * scale)));
  const chosen = r2Storage
    .filter((adoption) => adoption.account.createdMs < window.usageFirstDay * DAY_MS)
    .map((adoption) => ({ adoption, order: planRank[adoption.account.plan] + random.next() }))
    .sort((x, y) => x.order - y.order)
    .slice(0, count);
  chosen.forEach(({ adoption }, k) => {
    // Their trends carry the story, so they neither start late nor churn.
    adoption.base = 1_200_000 * 0.72 ** k * random.between(0.92, 1.08);
    adoption.trend = bigSpenderTrends[k] ?? adoption.trend;
    adoption.firstDay = window.usageFirstDay;
    adoption.lastDay = window.usageLastDay;
    const operations = adoptions.find((other) => other.account === adoption.account && other.product === "r2_operations");
    if (operations !== undefined) {
      Object.assign(operations, { base: adoption.base * random.logNormal(40, 0.5), trend: adoption.trend });
      Object.assign(operations, { firstDay: adoption.firstDay, lastDay: adoption.lastDay });
    }
  });
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
