import { readTimeRange } from "../read-time-range.js";
import type { RunQueryInput } from "../tool-input-schemas.js";
import type { ToolContext, ToolOutcome } from "../tool-context.js";
import { finishExecuted } from "./finish-executed.js";

/** `run_query`: one model-written statement, through the guard and the engine like any other. */
export async function runQueryTool(input: RunQueryInput, ctx: ToolContext): Promise<ToolOutcome> {
  const { runner } = ctx;
  if (!ctx.catalog.sources.has(input.source)) {
    return { isError: true, content: `no source named "${input.source}"; sources: ${[...ctx.catalog.sources.keys()].join(", ")}` };
  }
  const range = input.time_range === undefined ? undefined : readTimeRange(input.time_range, runner.asOf);
  if (range && "error" in range) return { isError: true, content: range.error };
  const [executed] = await runner.run([
    {
      id: runner.nextId(),
      source: input.source,
      sql: input.sql,
      purpose: input.purpose ?? "statement written by the model",
      ...(range ? { window: range.window } : {}),
      ...(input.save_as ? { saveAs: input.save_as } : {}),
    },
  ]);
  if (!executed) return { isError: true, content: "the engine returned nothing for this statement" };
  return finishExecuted(ctx, executed, input.save_as);
}
