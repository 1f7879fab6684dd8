import { SkiffError } from "../shared/errors.js";

/** What `--help` says about `--as-of`. */
export const asOfHelp = 'an ISO 8601 instant, e.g. 2026-11-30T12:00:00Z (UTC when it has no zone); a date alone, e.g. 2026-11-30, is the end of that day (23:59:59.999 UTC), so "today" is that whole day';

const isoInstant = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `--as-of`: an ISO 8601 instant, UTC unless it names a zone. A date alone
 * reads as the last millisecond of that day: "today" runs from its midnight
 * to then (read as midnight, "today" would be an empty window). Anything else
 * is bad input (exit code 1) with a message that says what to write.
 */
export function parseAsOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const match = isoInstant.exec(trimmed);
  const [, year = "0000", month = "00", day = "00"] = match ?? [];
  const dateOnly = !trimmed.includes("T");
  const hasZone = match?.[4] !== undefined;
  const at = match === null ? new Date(Number.NaN) : new Date(dateOnly ? `${trimmed}T23:59:59.999Z` : hasZone ? trimmed : `${trimmed}Z`);
  // Date rolls 2026-02-30 over into March; a day that does not exist is a typo, not an instant.
  const realDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).toISOString().slice(0, 10) === `${year}-${month}-${day}`;
  if (Number.isNaN(at.getTime()) || !realDay) {
    throw new SkiffError("CONFIG_INVALID", `--as-of "${text}" is not a time; write an ISO 8601 instant such as 2026-11-30T12:00:00Z, or a date such as 2026-11-30 (the end of that day, UTC)`);
  }
  return at;
}
