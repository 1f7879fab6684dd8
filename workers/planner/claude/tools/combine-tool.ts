import type { CombineInput } from "../tool-input-schemas.js";
import type { ToolContext, ToolOutcome } from "../tool-context.js";
import { finishExecuted } from "./finish-executed.js";

/** `combine`: DuckDB SQL over saved results, for answers that span sources. */
export async function combineTool(input: CombineInput, ctx: ToolContext): Promise<ToolOutcome> {
  const saved = [...new Set([...ctx.state.results.values()].map((r) => r.savedAs).filter((name): name is string => name !== undefined))];
  if (saved.length === 0) {
    return { isError: true, content: "nothing is saved yet: run queries with save_as first, then combine the saved names" };
  }
  const executed = await ctx.runner.combine(input.sql, input.purpose ?? `combine ${saved.join(", ")}`);
  const outcome = await finishExecuted(ctx, executed, input.save_as);
  return outcome.isError ? { ...outcome, content: `${outcome.content}\nsaved results: ${saved.join(", ")}` } : outcome;
}
