import { SkiffError } from "../../../shared/errors.js";

/** The guard's rules, in the order they are checked. A rejection names the one that fired. */
export const guardRuleNames = ["too-complex", "parse", "one-statement", "comment", "read-only", "into", "settings", "function", "unknown-table", "substitution"] as const;
export type GuardRuleName = (typeof guardRuleNames)[number];

/** The error a refused statement comes back with: which rule fired, and what to do instead. */
export function guardRejection(rule: GuardRuleName, whatToDo: string): SkiffError {
  return new SkiffError("SQL_REJECTED", `rejected (${rule}): ${whatToDo}`, { detail: { rule } });
}
