import type { Caveat } from "../../shared/caveat.js";
import type { ExecutedQuery } from "./planned-query.js";

/**
 * The `partial` caveat for a fan-out in which some queries failed (a source down
 * or timed out): names each failed query, its source and why. Undefined when
 * none failed. Whether an answer without them is still worth giving is the
 * caller's call.
 */
export function partialCaveat(executed: readonly ExecutedQuery[]): Caveat | undefined {
  const failed = executed.filter((e) => e.error !== undefined);
  if (failed.length === 0) return undefined;
  const parts = failed.map((e) => `${e.query.id} on ${e.query.source} (${e.query.purpose}) failed: ${e.error?.message ?? "unknown error"}`);
  return {
    kind: "partial",
    message: `part of the answer is missing because ${failed.length === 1 ? "a query" : `${failed.length} queries`} failed — ${parts.join("; ")}`,
  };
}
