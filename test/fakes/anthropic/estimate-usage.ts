import type { FakeRequestBody, FakeUsage } from "./fake-anthropic-types.js";

/** About four characters a token: close enough to compare prompts, not to bill them. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

const withoutMarkers = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === "cache_control" ? undefined : v)));

const hasMarker = (value: unknown): boolean => typeof value === "object" && value !== null && "cache_control" in value;

/**
 * Usage as the API would report it with prompt caching: the prompt up to
 * each cache breakpoint is a prefix; a prefix seen before is read from cache,
 * the rest up to the last breakpoint is written, and what follows is plain input.
 */
export function estimateUsage(body: FakeRequestBody, cached: Set<string>, outputTokens: number): FakeUsage {
  const system = typeof body.system === "string" ? [{ type: "text", text: body.system }] : (body.system ?? []);
  const tools = body.tools ?? [];
  const parts: Array<{ text: string; marked: boolean }> = [];
  system.forEach((block) => parts.push({ text: JSON.stringify(withoutMarkers(block)), marked: hasMarker(block) }));
  tools.forEach((tool) => parts.push({ text: JSON.stringify(withoutMarkers(tool)), marked: hasMarker(tool) }));
  for (const message of body.messages) {
    const blocks = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    blocks.forEach((block) => parts.push({ text: `${message.role}:${JSON.stringify(withoutMarkers(block))}`, marked: hasMarker(block) }));
  }
  let prefix = "";
  let read = 0;
  let lastBreakpoint = 0;
  for (const part of parts) {
    prefix += part.text;
    if (!part.marked) continue;
    const tokens = estimateTokens(prefix);
    if (cached.has(prefix)) read = tokens;
    cached.add(prefix);
    lastBreakpoint = tokens;
  }
  const total = estimateTokens(prefix);
  const written = Math.max(0, lastBreakpoint - read);
  return { input_tokens: total - read - written, output_tokens: outputTokens, cache_read_input_tokens: read, cache_creation_input_tokens: written };
}
