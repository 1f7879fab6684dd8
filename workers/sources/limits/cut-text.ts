import { describeBytes } from "./describe-bytes.js";

/** What a cut cell ends with, so a reader (and the model) sees the value goes on. */
export function cutMarker(maxBytes: number): string {
  return `…[cut at ${describeBytes(maxBytes)}]`;
}

/**
 * Text within `maxBytes` of UTF-8: itself when it fits, else its longest
 * prefix that fits together with the {@link cutMarker}, cut on a character
 * boundary. The prefix is copied out: a slice would keep the whole original
 * (megabytes, perhaps) alive for as long as the result lives.
 */
export function cutText(value: string, maxBytes: number): { text: string; cut: boolean } {
  // A UTF-16 unit is at most 3 bytes of UTF-8, so short strings need no counting.
  if (value.length * 3 <= maxBytes || (value.length <= maxBytes && Buffer.byteLength(value, "utf8") <= maxBytes)) {
    return { text: value, cut: false };
  }
  const marker = cutMarker(maxBytes);
  const room = Math.max(0, maxBytes - Buffer.byteLength(marker, "utf8"));
  const head = Buffer.from(value.slice(0, room), "utf8");
  let end = Math.min(room, head.length);
  // Step back off UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && ((head[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return { text: head.subarray(0, end).toString("utf8") + marker, cut: true };
}
