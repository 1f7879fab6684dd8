import { catalogKeyNames } from "./catalog-key-names.js";
import { closestName } from "./closest-name.js";

export function unknownKeyMessage(key: string): string {
  const known = catalogKeyNames();
  // A real key in the wrong place, e.g. `numerator:` on an aggregate metric.
  if (known.has(key)) return `key "${key}" does not belong here; remove it or move it where it belongs`;
  const guess = closestName(key, known);
  return `unknown key "${key}"; ${guess === undefined ? "remove it or fix the spelling" : `did you mean "${guess}"?`}`;
}
