import { SkiffError } from "../shared/errors.js";

/** `--as-of`: an ISO 8601 instant; a date alone means midnight UTC. */
export function parseAsOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const at = new Date(withZone);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new SkiffError("QUESTION_INVALID", `--as-of "${text}" is not an ISO 8601 time; write e.g. 2026-11-30T12:00:00Z`);
  }
  return at;
}
