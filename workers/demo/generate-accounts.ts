import type { DemoPlan } from "./demo-plan.js";
import { demoVocabulary } from "./demo-vocabulary.js";
import type { DemoWindow } from "./demo-window.js";
import type { SeededRandom } from "./seeded-random.js";
import { weightedPicker } from "./weighted-picker.js";
import { floorToSecond, lastSecondBefore } from "./whole-second.js";

export interface DemoAccount {
  /** Position in the generated list (sorted by createdMs); other generators refer to accounts by it. */
  index: number;
  id: number;
  name: string;
  /** Lower-case, hyphenated brand shared by the account's email domain and its first zone (bluefin-bakery). */
  brand: string;
  email: string;
  plan: DemoPlan;
  country: string;
  createdMs: number;
}

export interface GenerateAccountsOptions {
  window: DemoWindow;
  scale: number;
  random: SeededRandom;
}

const pickPlan = weightedPicker<DemoPlan>([["free", 72], ["pro", 17], ["business", 7], ["enterprise", 4]]);
const pickCountry = weightedPicker(demoVocabulary.accountCountries);

/** Signups grow over the three years: the newest day sees 2.5 times the oldest day's signups. */
const GROWTH = 1.5;

/** Accounts, oldest first, with ids in signup order. */
export function generateAccounts({ window, scale, random }: GenerateAccountsOptions): DemoAccount[] {
  const total = Math.max(30, Math.round(3000 * scale));
  const forcedEnterprise = Math.max(3, Math.round(4 * scale));
  const natural = total - forcedEnterprise;
  const latest = lastSecondBefore(window.asOfMs);
  const span = window.asOfMs - window.historyStartMs;

  const drafts: { createdMs: number; plan: DemoPlan }[] = [];
  for (let i = 0; i < natural; i++) {
    // Stratified draws give every stretch of time its share, so every week
    // has signups even at small scales.
    const quantile = (i + random.next()) / natural;
    const createdMs = floorToSecond(window.historyStartMs + growthQuantile(quantile) * span);
    drafts.push({ createdMs: Math.min(createdMs, latest), plan: pickPlan(random) });
  }
  for (let j = 0; j < forcedEnterprise; j++) {
    // "New enterprise accounts this month" must not be zero even on the 1st,
    // so the first of these always lands earlier on asOf's own day.
    const from = j === 0 ? window.dayStartMs : window.monthStartMs;
    const createdMs = floorToSecond(from + random.next() * (window.asOfMs - from));
    drafts.push({ createdMs: Math.min(createdMs, latest), plan: "enterprise" });
  }
  drafts.sort((x, y) => x.createdMs - y.createdMs);

  const takenBrands = new Set<string>();
  return drafts.map((draft, index) => {
    const { name, brand } = companyName(random, takenBrands);
    const first = random.pick(demoVocabulary.firstNames);
    const last = random.pick(demoVocabulary.lastNames);
    return {
      index,
      id: 1001 + index,
      name,
      brand,
      email: `${first}.${last}@${brand}.example`,
      plan: draft.plan,
      country: pickCountry(random),
      createdMs: draft.createdMs,
    };
  });
}

/** Inverse CDF of the linear growth density 1 + GROWTH·t on [0, 1]. */
function growthQuantile(u: number): number {
  return (-1 + Math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2))) / GROWTH;
}

function companyName(random: SeededRandom, taken: Set<string>): { name: string; brand: string } {
  let words: string[] = [];
  for (let attempt = 0; attempt < 12; attempt++) {
    words = [random.pick(demoVocabulary.brandWords), random.pick(demoVocabulary.tradeWords)];
    if (!taken.has(words.join("-"))) break;
  }
  // Large scales run out of two-word brands; a number keeps them unique.
  if (taken.has(words.join("-"))) words.push(String(taken.size));
  const brand = words.join("-");
  taken.add(brand);
  const title = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
  const name = random.chance(0.3) ? `${title} ${random.pick(demoVocabulary.companySuffixes)}` : title;
  return { name, brand };
}
