import type { PlannedQuery } from "../engine/planned-query.js";

/** "Running 2 queries on analytics and billing…": the placeholder's progress line. */
export function describeQueries(queries: readonly PlannedQuery[]): string {
  const sources = [...new Set(queries.map((q) => q.source))];
  const list = sources.length <= 1 ? (sources[0] ?? "") : `${sources.slice(0, -1).join(", ")} and ${sources.at(-1) ?? ""}`;
  const noun = queries.length === 1 ? "query" : "queries";
  return `:hourglass_flowing_sand: Running ${queries.length} ${noun} on ${list}…`;
}
