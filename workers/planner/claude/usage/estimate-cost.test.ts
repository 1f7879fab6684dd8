import { describe, expect, it } from "vitest";
import { estimateCost } from "./estimate-cost.js";

describe("estimateCost", () => {
  it("prices input, output and cache traffic at the model's list prices", () => {
    // Sonnet: $3 in, $15 out per million; cache writes 1.25× input, reads 0.1×.
    expect(estimateCost("claude-sonnet-5-5", { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 })).toBe(3);
    expect(estimateCost("claude-sonnet-5-5", { inputTokens: 0, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 })).toBe(15 + 0.3 + 3.75);
    expect(estimateCost("claude-haiku-4-5", { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 0, cacheWriteTokens: 0 })).toBe(6);
  });

  it("falls back to Sonnet prices for a model id it does not know", () => {
    expect(estimateCost("my-gateway/model", { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 })).toBe(3);
  });
});
