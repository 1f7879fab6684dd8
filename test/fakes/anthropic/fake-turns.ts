import type { FakeBlock, FakeTurn } from "./fake-anthropic-types.js";

let toolIds = 0;

export function toolUse(name: string, input: unknown): FakeBlock {
  toolIds += 1;
  return { type: "tool_use", id: `toolu_fake_${toolIds}`, name, input };
}

export function text(value: string): FakeBlock {
  return { type: "text", text: value };
}

/** A model turn calling tools (optionally with some words first). */
export function turn(...content: FakeBlock[]): FakeTurn {
  return { kind: "message", content, stopReason: content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn" };
}

/** An API error asking the client to wait `retryAfterMs` (the SDK reads retry-after-ms before retry-after). */
export function apiError(status: number, retryAfterMs = 20): FakeTurn {
  return { kind: "error", status, headers: { "retry-after-ms": String(retryAfterMs), "retry-after": String(Math.ceil(retryAfterMs / 1000)) } };
}
