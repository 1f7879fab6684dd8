import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import type { AgentBudgets } from "../../../shared/config-anthropic.js";
import { isSkiffError, SkiffError } from "../../../shared/errors.js";
import type { Logger } from "../../../shared/logger.js";
import type { PlannerOutcome, PlannerRequest } from "../planner.js";
import { createAgentState, type AgentState } from "./agent-state.js";
import { dispatchTool } from "./dispatch-tool.js";
import { historyMessages } from "./history-messages.js";
import { isText, isToolUse, modelResponseSchema, type ModelResponse, type ToolUseBlock } from "./model-response-schema.js";
import { partialOutcome } from "./partial-outcome.js";
import { questionTurn } from "./question-turn.js";
import { answerInputSchema } from "./tool-input-schemas.js";
import type { ToolContext } from "./tool-context.js";
import { toModelError } from "./to-model-error.js";
import { createUsageMeter } from "./usage/usage-meter.js";
import { maskPiiDeep } from "../../../shared/scrub/mask-pii-deep.js";
import { maskPiiText } from "../../../shared/scrub/mask-pii-text.js";
import { withCacheBreakpoint } from "./with-cache-breakpoint.js";

export interface AgentLoopDeps {
  client: Anthropic;
  model: string;
  budgets: AgentBudgets;
  maxRetries: number;
  systemPrompt: string;
  /** The tool definitions as sent; built once per planner so the cached prefix is byte-identical. */
  tools: Anthropic.Tool[];
  logger: Logger;
}

/** The plan a Claude run stores in its record: every tool call, the budgets it used, and where model time went. */
export interface AgentPlan {
  model: string;
  stopReason: string;
  roundTrips: number;
  modelMs: number;
  promptTokens: readonly number[];
  steps: AgentState["steps"];
}

/**
 * The tool-use loop: ask the model, run the tools it calls through the
 * run's QueryRunner, feed results (and errors, and self-checks) back, until it
 * calls `answer` or a budget (steps, tokens, wall clock) runs out.
 */
export async function runAgentLoop(deps: AgentLoopDeps, request: PlannerRequest, ctx: Omit<ToolContext, "state">): Promise<PlannerOutcome> {
  const { client, model, budgets, logger } = deps;
  const state = createAgentState();
  const tools = { ...ctx, state };
  const usage = createUsageMeter(model);
  const started = performance.now();
  const deadlineAt = started + budgets.deadlineMs;
  const system = [{ type: "text" as const, text: deps.systemPrompt, cache_control: { type: "ephemeral" as const } }];
  const messages: Anthropic.MessageParam[] = [
    ...historyMessages(request.history),
    { role: "user", content: questionTurn(maskPiiText(request.question), ctx.runner.asOf, request.asker) },
  ];
  let modelMs = 0;
  let stopReason = "max_steps";

  const finish = (outcome: Omit<PlannerOutcome, "plan" | "usage">, reason: string): PlannerOutcome => {
    stopReason = reason;
    const plan: AgentPlan = { model, stopReason, roundTrips: usage.roundTrips, modelMs: Math.round(modelMs), promptTokens: usage.promptTokens, steps: state.steps };
    return { ...outcome, plan, usage: usage.total() };
  };

  for (let step = 1; ; step++) {
    if (step > budgets.maxSteps) return finish(partialOutcome(`the step budget (${budgets.maxSteps} model turns) ran out`, state), "max_steps");
    if (usage.spent >= budgets.maxTokens) return finish(partialOutcome(`the token budget (${budgets.maxTokens.toLocaleString("en-US")} tokens) ran out`, state), "max_tokens_budget");
    const remaining = deadlineAt - performance.now();
    if (remaining <= 0 || request.signal?.aborted) return finish(partialOutcome(`the time budget (${budgets.deadlineMs / 1000} s) ran out`, state), "deadline");

    const deadline = AbortSignal.timeout(Math.ceil(remaining));
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    const callStarted = performance.now();
    let raw: unknown;
    try {
      raw = await client.messages.create(
        { model, max_tokens: budgets.maxOutputTokens, system, tools: deps.tools, messages: withCacheBreakpoint(messages) },
        { signal },
      );
    } catch (error) {
      if (signal.aborted) return finish(partialOutcome(`the time budget (${budgets.deadlineMs / 1000} s) ran out`, state), "deadline");
      throw toModelError(error, { model, retries: deps.maxRetries });
    } finally {
      modelMs += performance.now() - callStarted;
    }
    const response = parseResponse(raw);
    usage.add(response.usage);
    // What the model writes is scrubbed before anything uses it: a PII-shaped value in a purpose, a search
    // or the answer never reaches the run record, the next prompt, or the asker.
    const blocks = response.content.filter((b) => isText(b) || isToolUse(b)).map((b) => maskPiiDeep(b) as typeof b);
    messages.push({ role: "assistant", content: blocks.map((b) => (isToolUse(b) ? { type: "tool_use", id: b.id, name: b.name, input: b.input } : { type: "text", text: isText(b) ? b.text : "" })) });

    const calls = blocks.filter(isToolUse);
    if (calls.length === 0) {
      const text = blocks.filter(isText).map((b) => b.text).join("\n").trim();
      if (text === "") throw new SkiffError("MODEL_FAILED", `the model stopped (${response.stop_reason ?? "no reason"}) without an answer; ask again`);
      return finish({ answer: text, assumptions: [] }, response.stop_reason ?? "end_turn");
    }

    const results: Anthropic.ToolResultBlockParam[] = [];
    let answer: PlannerOutcome | undefined;
    for (const call of calls) {
      const toolStarted = performance.now();
      let outcome: { content: string; isError?: boolean };
      if (call.name === "answer") {
        const read = readAnswer(call, state);
        if ("outcome" in read) answer = finish(read.outcome, "answer");
        outcome = read.feedback;
      } else {
        try {
          outcome = await dispatchTool(call.name, call.input, tools, logger);
        } catch (error) {
          if (isSkiffError(error, "QUERY_TIMEOUT")) return finish(partialOutcome("the run's deadline passed", state), "deadline");
          throw error;
        }
      }
      state.steps.push({ step, tool: call.name, input: call.input, ok: !outcome.isError, summary: outcome.content.split("\n")[0] ?? "", ms: Math.round(performance.now() - toolStarted) });
      results.push({ type: "tool_result", tool_use_id: call.id, content: outcome.content, ...(outcome.isError ? { is_error: true } : {}) });
    }
    if (answer) return answer;
    messages.push({ role: "user", content: results });
  }
}

function parseResponse(raw: unknown): ModelResponse {
  const parsed = modelResponseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SkiffError("MODEL_FAILED", `the model's response was malformed (${z.prettifyError(parsed.error).split("\n")[0] ?? "unreadable"}); ask again`);
  }
  return parsed.data;
}

type ReadAnswer = { outcome: Omit<PlannerOutcome, "plan" | "usage">; feedback: { content: string } } | { feedback: { content: string; isError: true } };

/** The `answer` call, checked: its input against the schema and its result against what was saved. */
function readAnswer(call: ToolUseBlock, state: AgentState): ReadAnswer {
  const parsed = answerInputSchema.safeParse(call.input);
  if (!parsed.success) return { feedback: { isError: true, content: `invalid input for answer:\n${z.prettifyError(parsed.error)}` } };
  const { text, result, assumptions } = parsed.data;
  const known = result === undefined ? undefined : state.results.get(result);
  if (result !== undefined && !known) {
    const names = [...state.results.keys()];
    return { feedback: { isError: true, content: `no result named "${result}"; ${names.length > 0 ? `known: ${names.join(", ")}` : "nothing has run yet"}. Answer again with one of these, or without result.` } };
  }
  return { outcome: { answer: text, ...(known ? { result: known.result } : {}), assumptions: assumptions ?? [] }, feedback: { content: "answered" } };
}
