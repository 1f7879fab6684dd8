import { rememberResult } from "../agent-state.js";
import type { ExecutedQuery } from "../../../engine/planned-query.js";
import { summarizeExecuted } from "../summarize-executed.js";
import type { ToolContext, ToolOutcome } from "../tool-context.js";
import { knownResultOf } from "./known-result-of.js";

/** After a statement ran: save it when asked, remember it for `answer`, and summarize it for the model. */
export async function finishExecuted(ctx: ToolContext, executed: ExecutedQuery, saveAs: string | undefined): Promise<ToolOutcome> {
  const known = knownResultOf(executed, saveAs);
  if (!known) return summarizeExecuted(executed);
  if (saveAs) await ctx.runner.save(saveAs, executed);
  rememberResult(ctx.state, known);
  return summarizeExecuted(executed, saveAs);
}
