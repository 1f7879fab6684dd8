import type { TimeWindow } from "../../engine/planned-query.js";
import { normalizeText } from "../semantic/normalize-words.js";
import { parseTimePhrases } from "../semantic/parse-time-phrases.js";
import type { RunQueryInput } from "./tool-input-schemas.js";

export type ReadTimeRange = { window: TimeWindow; label: string; compare?: TimeWindow } | { error: string };

/** A tool's time_range (a phrase read like a question's, or ISO instants) as a window ending no later than asOf. */
export function readTimeRange(range: NonNullable<RunQueryInput["time_range"]>, asOf: Date): ReadTimeRange {
  if (typeof range !== "string") {
    const window = { start: new Date(range.start), end: new Date(range.end) };
    if (window.start >= window.end) return { error: `time_range start ${range.start} is not before end ${range.end}` };
    return { window, label: `${range.start} to ${range.end}` };
  }
  const phrases = parseTimePhrases(normalizeText(range), asOf);
  if (!phrases.range) {
    return { error: `could not read time_range "${range}"; use a phrase such as "today", "last 7 days", "this month", "since 2026-11-01", or {start, end} ISO instants` };
  }
  return { window: phrases.range.window, label: phrases.range.label, ...(phrases.compare ? { compare: phrases.compare.window } : {}) };
}
