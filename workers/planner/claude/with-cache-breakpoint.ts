import type Anthropic from "@anthropic-ai/sdk";

/**
 * A copy of the conversation with a cache breakpoint on its newest block, so
 * each round trip reads the previous one's prefix from the prompt cache. Only
 * the newest turn is marked: the API allows four breakpoints per request, and
 * system and tools hold two.
 */
export function withCacheBreakpoint(messages: readonly Anthropic.MessageParam[]): Anthropic.MessageParam[] {
  const copy = [...messages];
  const last = copy[copy.length - 1];
  if (!last || last.role === "system") return copy;
  const blocks: Anthropic.ContentBlockParam[] = typeof last.content === "string" ? [{ type: "text", text: last.content }] : [...last.content];
  const tail = blocks[blocks.length - 1];
  if (tail && (tail.type === "text" || tail.type === "tool_result")) {
    blocks[blocks.length - 1] = { ...tail, cache_control: { type: "ephemeral" } };
  }
  copy[copy.length - 1] = { role: last.role, content: blocks };
  return copy;
}
