import { sqlComplexityCaps as caps } from "./sql-complexity-caps.js";
import { tooComplexRejection } from "./too-complex-rejection.js";

/**
 * Refuses a parsed statement deeper than `sqlComplexityCaps.maxTreeDepth`,
 * measured with an explicit stack rather than recursion: the guard's walks,
 * and the rewrites after them, recurse once per level, and the cap keeps them
 * a long way from the end of the call stack.
 */
export function checkTreeDepth(root: unknown): void {
  const pending: Array<{ value: object; depth: number }> = typeof root === "object" && root !== null ? [{ value: root, depth: 1 }] : [];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > caps.maxTreeDepth) throw tooComplexRejection(`its expressions nest more than ${caps.maxTreeDepth} levels deep`);
    for (const child of Object.values(next.value) as unknown[]) {
      if (typeof child === "object" && child !== null) pending.push({ value: child, depth: next.depth + 1 });
    }
  }
}
