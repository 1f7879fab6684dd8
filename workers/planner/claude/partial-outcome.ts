import type { PlannerOutcome } from "../planner.js";
import type { AgentState } from "./agent-state.js";

/**
 * What a run that ran out of budget can still honestly say: that it is
 * unfinished and why, and the newest result it had, labelled as such.
 */
export function partialOutcome(reason: string, state: AgentState): Omit<PlannerOutcome, "plan" | "usage"> {
  const last = state.last;
  const found = last
    ? ` The last result I had (${last.id}: ${last.purpose}, ${last.result.rows.length} row${last.result.rows.length === 1 ? "" : "s"}) is shown below, but it may not answer the question as asked.`
    : " No query had produced a usable result yet.";
  return {
    answer: `I could not finish this answer: ${reason} before I reached a final answer.${found} Ask again, or ask something narrower.`,
    ...(last ? { result: last.result } : {}),
    assumptions: [],
    caveats: [{ kind: "partial", message: `the answer is incomplete: ${reason} before the model gave a final answer` }],
  };
}
