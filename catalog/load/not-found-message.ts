import { closestName } from "./closest-name.js";

const listed = 8;

/**
 * `<subject>; did you mean "x"?` when a known name is close, else
 * `<subject>; <fix> (known: a, b, …)` so the author sees what is there.
 */
export function notFoundMessage(subject: string, name: string, known: readonly string[], fix: string): string {
  const guess = closestName(name, known);
  if (guess !== undefined) return `${subject}; did you mean "${guess}"?`;
  if (known.length === 0) return `${subject}; ${fix}`;
  const shown = known.slice(0, listed).join(", ");
  return `${subject}; ${fix} (known: ${shown}${known.length > listed ? ", ..." : ""})`;
}
