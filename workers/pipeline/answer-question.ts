import type { Catalog } from "../../catalog/model/catalog.js";
import { dedupeCaveats, type Caveat } from "../../shared/caveat.js";
import type { Clock } from "../../shared/clock.js";
import { isSkiffError, SkiffError } from "../../shared/errors.js";
import type { Logger } from "../../shared/logger.js";
import type { RunRecord } from "../../shared/run-record.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import { sourceDidNotAnswer } from "../engine/errors/source-did-not-answer.js";
import type { ExecutedQuery } from "../engine/planned-query.js";
import type { Planner, PlannerOutcome } from "../planner/planner.js";
import { createRunContext, type RunEngine } from "./create-run-context.js";
import { newRunId } from "./new-run-id.js";
import { orderCaveats } from "./order-caveats.js";
import { saveRunRecord } from "./save-run-record.js";
import { validateQuestion } from "./validate-question.js";

export interface AnswerQuestionDeps {
  catalog: Catalog;
  engine: RunEngine;
  planner: Planner;
  runStore: RunStore;
  clock: Clock;
  logger: Logger;
  /** Whole-answer deadline. */
  deadlineMs: number;
}

export interface AnswerQuestionInput {
  question: string;
  asker?: string;
  threadId?: string;
  /** Answer as of this instant instead of the clock's now. */
  asOf?: Date;
  history?: readonly RunRecord[];
  /** Reuse an id chosen upstream (a queued job's), so a retried job writes the same record. */
  runId?: string;
}

/**
 * One `partial` caveat per source that did not answer (down, timed out). A statement that failed or was
 * refused is not partial: the source answered, with an error the answer or the model deals with. "Built
 * from the other sources" only when there is an answer and another source gave it something.
 */
function partialCaveats(executed: readonly ExecutedQuery[], answered: boolean): Caveat[] {
  const fromOthers = answered && executed.some((e) => e.result !== undefined);
  return executed
    .filter((e) => sourceDidNotAnswer(e.error))
    .map((e) => ({
      kind: "partial" as const,
      message: `${e.query.source} did not answer (${e.error?.message ?? "no answer"})${fromOthers ? "; the answer is built from the other sources" : ""}.`,
    }));
}

/**
 * One question, end to end: validate, plan and run through the guard, collect
 * caveats from what actually ran, and write the run record. Invalid questions
 * throw QUESTION_INVALID before a run exists; everything after that is recorded,
 * whether it was answered, not answerable, or failed.
 */
export async function answerQuestion(deps: AnswerQuestionDeps, input: AnswerQuestionInput): Promise<RunRecord> {
  const question = validateQuestion(input.question);
  const started = performance.now();
  const asOf = input.asOf ?? deps.clock.now();
  const id = input.runId ?? newRunId();
  const log = deps.logger.child({ run: id });
  const signal = AbortSignal.timeout(deps.deadlineMs);
  const context = createRunContext({ catalog: deps.catalog, engine: deps.engine, asOf, signal });

  let outcome: PlannerOutcome | undefined;
  let failure: unknown;
  try {
    outcome = await deps.planner.answer({ question, history: input.history ?? [], ...(input.asker ? { asker: input.asker } : {}), signal }, context);
  } catch (error) {
    failure = error;
  } finally {
    await context.close().catch((error: unknown) => log.warn({ err: error }, "closing the run's scratch database failed"));
  }

  const executedCaveats = context.executed.flatMap((e) => e.caveats);
  const assumptions: Caveat[] = (outcome?.assumptions ?? []).map((message) => ({ kind: "assumption", message }));
  const caveats = orderCaveats(dedupeCaveats([...executedCaveats, ...context.transferCaveats, ...partialCaveats(context.executed, outcome !== undefined), ...(outcome?.caveats ?? []), ...assumptions]));
  const unanswerable = isSkiffError(failure, "UNANSWERABLE");
  if (failure && !unanswerable) log.error({ err: failure }, "run failed");

  const record: RunRecord = {
    id,
    question,
    ...(input.asker ? { asker: input.asker } : {}),
    ...(input.threadId ? { threadId: input.threadId } : {}),
    asOf: asOf.toISOString(),
    createdAt: deps.clock.now().toISOString(),
    planner: deps.planner.kind,
    status: outcome ? "answered" : unanswerable ? "unanswerable" : "failed",
    answer: outcome?.answer ?? describeFailure(failure, id),
    ...(outcome?.result ? { result: outcome.result } : {}),
    caveats: outcome ? caveats : caveats.filter((c) => c.kind !== "assumption"),
    queries: context.executed.map((e) => e.record),
    plan: outcome?.plan ?? null,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    ...(outcome?.usage ? { usage: outcome.usage } : {}),
  };
  return saveRunRecord(deps.runStore, record);
}

function describeFailure(failure: unknown, runId: string): string {
  // A retryable failure (the model API down) is worth reporting with the run id, so it can be looked up.
  if (failure instanceof SkiffError) return failure.retryable ? `${failure.message} (run ${runId})` : failure.message;
  return `Skiff hit an internal error answering this (run ${runId}); the details are in its logs.`;
}
