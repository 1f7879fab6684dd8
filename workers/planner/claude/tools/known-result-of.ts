import type { ExecutedQuery } from "../../../engine/planned-query.js";
import type { KnownResult } from "../agent-state.js";

/** The model-facing handle of a successful query. */
export function knownResultOf(executed: ExecutedQuery, savedAs: string | undefined): KnownResult | undefined {
  const result = executed.result;
  if (!result) return undefined;
  return {
    id: executed.query.id,
    ...(savedAs ? { savedAs } : {}),
    purpose: executed.query.purpose,
    result: { columns: result.columns.map((c) => c.name), rows: result.rows },
    caveats: executed.caveats,
  };
}
