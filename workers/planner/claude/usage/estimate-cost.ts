import type { TokenUsage } from "../../../../shared/run-record.js";

/** US dollars per million tokens. Cache writes cost 1.25× input, cache reads 0.1×. */
interface Price {
  input: number;
  output: number;
}

const prices: Array<[prefix: string, price: Price]> = [
  ["claude-opus-4-5", { input: 5, output: 25 }],
  ["claude-opus-4", { input: 15, output: 75 }],
  ["claude-3-opus", { input: 15, output: 75 }],
  ["claude-haiku-4", { input: 1, output: 5 }],
  ["claude-3-5-haiku", { input: 0.8, output: 4 }],
  ["claude-3-haiku", { input: 0.25, output: 1.25 }],
  ["claude-sonnet", { input: 3, output: 15 }],
  ["claude-3", { input: 3, output: 15 }],
];

/** Sonnet prices for model ids this table does not know (gateways rename models); the figure is an estimate either way. */
const fallback: Price = { input: 3, output: 15 };

export function priceOf(model: string): Price {
  return prices.find(([prefix]) => model.startsWith(prefix))?.[1] ?? fallback;
}

/** Estimated cost of a run's tokens at list prices. */
export function estimateCost(model: string, usage: Omit<TokenUsage, "costUsd">): number {
  const price = priceOf(model);
  const dollars =
    (usage.inputTokens * price.input + usage.cacheWriteTokens * price.input * 1.25 + usage.cacheReadTokens * price.input * 0.1 + usage.outputTokens * price.output) /
    1_000_000;
  return Math.round(dollars * 1_000_000) / 1_000_000;
}
