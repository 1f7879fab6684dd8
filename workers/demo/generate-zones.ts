import type { DemoAccount } from "./generate-accounts.js";
import type { DemoPlan } from "./demo-plan.js";
import { demoVocabulary } from "./demo-vocabulary.js";
import { DAY_MS, type DemoWindow } from "./demo-window.js";
import type { SeededRandom } from "./seeded-random.js";
import { itemAt } from "./item-at.js";
import { weightedPicker } from "./weighted-picker.js";
import { floorToSecond, lastSecondBefore } from "./whole-second.js";

export type DemoZoneStatus = "active" | "pending" | "moved" | "deactivated";

export interface DemoZone {
  /** Position in the generated list (sorted by createdMs). */
  index: number;
  id: number;
  accountIndex: number;
  domain: string;
  plan: DemoPlan;
  status: DemoZoneStatus;
  createdMs: number;
  /** Signed up today and launches with a bang: the traffic generator puts it in today's top 100. */
  launch: boolean;
}

export interface GenerateZonesOptions {
  window: DemoWindow;
  scale: number;
  random: SeededRandom;
  /** Sorted by createdMs, as generateAccounts returns them. */
  accounts: readonly DemoAccount[];
}

/** How many of today's signups launch with a bang (today's top-100 signups). */
export function launchCount(scale: number): number {
  return Math.max(2, Math.min(12, Math.round(6 * scale)));
}

interface ZoneDraft {
  accountIndex: number;
  createdMs: number;
  launch: boolean;
  primary: boolean;
}

const zonePlanFor: Record<DemoPlan, (random: SeededRandom) => DemoPlan> = {
  free: weightedPicker<DemoPlan>([["free", 92], ["pro", 8]]),
  pro: weightedPicker<DemoPlan>([["pro", 70], ["free", 30]]),
  business: weightedPicker<DemoPlan>([["business", 60], ["pro", 25], ["free", 15]]),
  enterprise: weightedPicker<DemoPlan>([["enterprise", 70], ["business", 15], ["free", 15]]),
};
const settledStatus = weightedPicker<DemoZoneStatus>([["active", 86], ["pending", 3], ["moved", 5], ["deactivated", 6]]);
const pickTld = weightedPicker(demoVocabulary.topLevelDomains);
/** Bigger plans run more zones. */
const extraZoneWeight: Record<DemoPlan, number> = { free: 1, pro: 2.5, business: 6, enterprise: 30 };
/** Launches come mostly from big customers. */
const launchWeight: Record<DemoPlan, number> = { free: 0.3, pro: 2, business: 10, enterprise: 30 };

/** Zones, oldest first: one per account to start with, extra zones for big plans, signups every recent day and a crowd today. */
export function generateZones({ window, scale, random, accounts }: GenerateZonesOptions): DemoZone[] {
  const today = Math.max(5, Math.round(22 * scale));
  const launches = Math.min(today, launchCount(scale));
  const perRecentDay = Math.max(1, Math.round(3 * scale));
  const total = Math.max(Math.round(10_000 * scale), accounts.length + today + 90 * perRecentDay);
  const latest = lastSecondBefore(window.asOfMs);

  const appetite = accounts.map((account) => extraZoneWeight[account.plan] * random.logNormal(1, 0.8));
  const pickOwner = prefixPicker(accounts, appetite);
  const pickLaunchOwner = prefixPicker(accounts, accounts.map((account) => launchWeight[account.plan]));
  const drafts: ZoneDraft[] = [];

  for (const account of accounts) {
    // The first zone follows the account within hours, as onboarding does.
    const createdMs = Math.min(account.createdMs + random.exponential(3 * 3_600_000), latest);
    drafts.push({ accountIndex: account.index, createdMs, launch: false, primary: true });
  }
  // Guaranteed signups on each of the last 90 days, so daily series have no holes.
  for (let day = 1; day <= 90; day++) {
    const dayStart = window.dayStartMs - day * DAY_MS;
    for (let k = 0; k < perRecentDay; k++) {
      const createdMs = dayStart + random.next() * DAY_MS;
      const owner = pickOwner(random, createdMs);
      if (owner !== undefined) drafts.push({ accountIndex: owner, createdMs, launch: false, primary: false });
    }
  }
  // Today's crowd; launches sign up early enough to build a day's worth of traffic.
  const launchSpan = Math.max(0, (window.requestsEndMs - window.dayStartMs) / 2);
  for (let k = 0; k < today; k++) {
    const launch = k < launches;
    const createdMs = window.dayStartMs + random.next() * (launch ? launchSpan : window.asOfMs - window.dayStartMs);
    const owner = launch ? pickLaunchOwner(random, createdMs) : pickOwner(random, createdMs);
    if (owner !== undefined) drafts.push({ accountIndex: owner, createdMs, launch, primary: false });
  }
  const extras = total - drafts.length;
  // Accounts keep adding zones at a steady rate over their lifetime, so an
  // owner is picked in proportion to its age too; otherwise young accounts
  // would pile their zones into the last few days.
  const pickAnyOwner = weightedPicker(
    appetite.map((weight, index) => [index, weight * (window.asOfMs - itemAt(accounts, index).createdMs)] as const),
  );
  for (let k = 0; k < extras; k++) {
    const owner = itemAt(accounts, pickAnyOwner(random));
    const createdMs = owner.createdMs + random.next() * (window.asOfMs - owner.createdMs);
    drafts.push({ accountIndex: owner.index, createdMs, launch: false, primary: false });
  }

  // Domains are handed out before sorting so every account's first zone gets its brand.
  const takenDomains = new Set<string>();
  const named = drafts.map((draft) => ({
    ...draft,
    createdMs: Math.min(floorToSecond(draft.createdMs), latest),
    domain: zoneDomain(random, itemAt(accounts, draft.accountIndex), draft, takenDomains),
  }));
  named.sort((x, y) => x.createdMs - y.createdMs);

  return named.map((draft, index) => {
    const account = itemAt(accounts, draft.accountIndex);
    return {
      index,
      id: 100_001 + index,
      accountIndex: draft.accountIndex,
      domain: draft.domain,
      plan: draft.launch ? launchPlan(account.plan) : zonePlanFor[account.plan](random),
      status: zoneStatus(random, draft, window),
      createdMs: draft.createdMs,
      launch: draft.launch,
    };
  });
}

function launchPlan(accountPlan: DemoPlan): DemoPlan {
  return accountPlan === "enterprise" || accountPlan === "business" ? accountPlan : "pro";
}

function zoneStatus(random: SeededRandom, draft: ZoneDraft, window: DemoWindow): DemoZoneStatus {
  if (draft.launch) return "active";
  // A fresh zone is often still waiting for its nameservers to change.
  if (window.asOfMs - draft.createdMs < 2 * DAY_MS) return random.chance(0.35) ? "pending" : "active";
  return settledStatus(random);
}

/** Domains: an account's first zone carries its brand, later ones a brand variant or a new brand; launches are new brands. */
function zoneDomain(random: SeededRandom, account: DemoAccount, draft: ZoneDraft, taken: Set<string>): string {
  const countryDomain = demoVocabulary.countryDomains[account.country];
  let candidate = "";
  for (let attempt = 0; attempt < 10; attempt++) {
    const stem = draft.primary
      ? account.brand
      : !draft.launch && random.chance(0.55)
        ? `${account.brand}-${random.pick(demoVocabulary.zoneQualifiers)}`
        : `${random.pick(demoVocabulary.brandWords)}-${random.pick(demoVocabulary.tradeWords)}`;
    const tld = countryDomain !== undefined && random.chance(0.4) ? countryDomain : pickTld(random);
    candidate = `${stem}.${tld}`;
    if (!taken.has(candidate)) break;
  }
  // Large scales run out of word pairs; a number keeps domains unique.
  if (taken.has(candidate)) candidate = candidate.replace(".", `-${taken.size}.`);
  taken.add(candidate);
  return candidate;
}

/** Weighted choice among the accounts that already existed at a time (accounts sorted by createdMs). */
function prefixPicker(
  accounts: readonly DemoAccount[],
  weights: readonly number[],
): (random: SeededRandom, atMs: number) => number | undefined {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) cumulative.push((total += weight));
  return (random, atMs) => {
    const existing = upperBound(accounts.length, (i) => itemAt(accounts, i).createdMs <= atMs);
    if (existing === 0) return undefined;
    const target = random.next() * (cumulative[existing - 1] ?? 0);
    return upperBound(existing - 1, (i) => (cumulative[i] ?? 0) <= target);
  };
}

/** First index in [0, length) where `before` turns false (`before` must be monotone). */
function upperBound(length: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
