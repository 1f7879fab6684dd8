import type { TokenUsage } from "../../../../shared/run-record.js";
import { estimateCost } from "./estimate-cost.js";

/** Token counts one response reports (cache fields are absent on older models and gateways). */
export interface ResponseUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null | undefined;
  cache_creation_input_tokens?: number | null | undefined;
}

export interface UsageMeter {
  add(usage: ResponseUsage): void;
  /** Every token the run has spent: prompt (cached or not) and output. What the token budget counts. */
  readonly spent: number;
  readonly roundTrips: number;
  /** Prompt tokens per round trip, for the bench. */
  readonly promptTokens: readonly number[];
  total(): TokenUsage;
}

/** Adds up a run's token usage and prices it. */
export function createUsageMeter(model: string): UsageMeter {
  const sum = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  const promptTokens: number[] = [];
  return {
    add(usage) {
      const cacheRead = usage.cache_read_input_tokens ?? 0;
      const cacheWrite = usage.cache_creation_input_tokens ?? 0;
      sum.inputTokens += usage.input_tokens;
      sum.outputTokens += usage.output_tokens;
      sum.cacheReadTokens += cacheRead;
      sum.cacheWriteTokens += cacheWrite;
      promptTokens.push(usage.input_tokens + cacheRead + cacheWrite);
    },
    get spent() {
      return sum.inputTokens + sum.outputTokens + sum.cacheReadTokens + sum.cacheWriteTokens;
    },
    get roundTrips() {
      return promptTokens.length;
    },
    promptTokens,
    total() {
      return { ...sum, costUsd: estimateCost(model, sum) };
    },
  };
}
