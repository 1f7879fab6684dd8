import type { RunQueryInput } from "../tool-input-schemas.js";
import type { ToolContext, ToolOutcome } from "../tool-context.js";
import { finishExecuted } from "./finish-executed.js";

/** `run_query`: one model-written statement, through the guard and the engine like any other. */
export async function runQueryTool(input: RunQueryInput, ctx: ToolContext): Promise<ToolOutcome> {
  const { runner } = ctx;
  if (!ctx.catalog.sources.has(input.source)) {
    return { isError: true, content: `no source named "${input.source}"; sources: ${[...ctx.catalog.sources.keys()].join(", ")}` };
  }
  const [executed] = await runner.run([
    {
      id: runner.nextId(),
      source: input.source,
      sql: input.sql,
      purpose: input.purpose ?? "statement written by the model",
      ...(input.save_as ? { saveAs: input.save_as } : {}),
    },
  ]);
  if (!executed) return { isError: true, content: "the engine returned nothing for this statement" };
  return finishExecuted(ctx, executed, input.save_as);
}
