import type { Caveat } from "../../shared/caveat.js";
import { sourceDidNotAnswer } from "./errors/source-did-not-answer.js";
import type { ExecutedQuery } from "./planned-query.js";

/**
 * The `partial` caveat for a fan-out in which some sources did not answer (down
 * or timed out): names each such query, its source and why. Undefined when every
 * source answered; a statement that failed or was refused is not partial (it is
 * an error the planner reports or repairs). Whether an answer without them is
 * still worth giving is the caller's call.
 */
export function partialCaveat(executed: readonly ExecutedQuery[]): Caveat | undefined {
  const failed = executed.filter((e) => sourceDidNotAnswer(e.error));
  if (failed.length === 0) return undefined;
  const parts = failed.map((e) => `${e.query.id} on ${e.query.source} (${e.query.purpose}) failed: ${e.error?.message ?? "unknown error"}`);
  return {
    kind: "partial",
    message: `part of the answer is missing because ${failed.length === 1 ? "a query" : `${failed.length} queries`} failed — ${parts.join("; ")}`,
  };
}
