import { UnrecoverableError, type Job, type JobsOptions, type Queue } from "bullmq";
import type { Catalog } from "../../catalog/model/catalog.js";
import type { Clock } from "../../shared/clock.js";
import { isSkiffError } from "../../shared/errors.js";
import type { AnswerJob } from "../../shared/jobs/answer-job.js";
import { askJobSchema, slackThreadId } from "../../shared/jobs/ask-job.js";
import { jobId } from "../../shared/jobs/queue-names.js";
import type { Logger } from "../../shared/logger.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import type { Scratch } from "../engine/scratch/open-scratch.js";
import { answerQuestion } from "../pipeline/answer-question.js";
import type { Planner } from "../planner/planner.js";
import { createQueueRunEngine } from "./create-queue-run-engine.js";
import { describeQueries } from "./describe-queries.js";
import type { SourceLane } from "./source-lane.js";
import { summarizeRun } from "./summarize-run.js";

export interface AskProcessorOptions {
  catalog: Catalog;
  planner: Planner;
  runStore: RunStore;
  clock: Clock;
  logger: Logger;
  lanes: ReadonlyMap<string, SourceLane>;
  openScratch: () => Promise<Scratch>;
  answers: Pick<Queue, "add">;
  deadlineMs: number;
  jobOptions: JobsOptions;
  /** How long a run works before the placeholder shows its progress. @defaultValue 400 */
  progressDelayMs?: number;
  /** Earlier runs of a thread the planner sees. @defaultValue 10 */
  historyLimit?: number;
}

/**
 * The agent worker's processor: answer one AskJob with the pipeline, its
 * statements running in query workers, then hand the bot one final AnswerJob.
 * The run id comes from the job, so a retry (after a crash) rewrites the same
 * run record and updates the same placeholder. A retry is a fresh attempt: it
 * answers as of its own start (the clock's now) and sends its statements as new
 * query jobs, never the last attempt's.
 */
export function createAskProcessor(options: AskProcessorOptions) {
  const { answers, logger } = options;
  return async (job: Pick<Job, "data" | "id" | "attemptsStarted">): Promise<void> => {
    const parsed = askJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`ask job ${job.id ?? "?"} is not an AskJob: ${parsed.error.message}`);
    const ask = parsed.data;
    const started = performance.now();
    const target = { runId: ask.runId, channel: ask.channel, threadTs: ask.threadTs, placeholderTs: ask.placeholderTs };
    const threadId = slackThreadId(ask.channel, ask.threadTs);
    const earlier = ask.newThread ? [] : await options.runStore.list({ threadId, limit: (options.historyLimit ?? 10) + 1 });
    const history = earlier.filter((run) => run.id !== ask.runId).reverse();

    // Progress shows only once a run has taken a moment: a quick answer replaces the placeholder without flicker or extra Slack calls.
    const progressDelayMs = options.progressDelayMs ?? 400;
    let step = 0;
    let latest: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const flushProgress = () => {
      timer = undefined;
      if (finished || latest === undefined) return;
      step += 1;
      const data: AnswerJob = { kind: "progress", ...target, text: latest };
      void answers
        .add("progress", data, { ...options.jobOptions, jobId: jobId(ask.runId, "progress", String(job.attemptsStarted), String(step)) })
        .catch((error: unknown) => logger.warn({ err: error, run: ask.runId }, "could not report progress"));
    };
    const progress = (text: string) => {
      latest = text;
      timer ??= setTimeout(flushProgress, progressDelayMs);
    };
    const engine = createQueueRunEngine({
      lanes: options.lanes,
      openScratch: options.openScratch,
      runId: ask.runId,
      attempt: job.attemptsStarted,
      deadlineAt: Date.now() + options.deadlineMs,
      jobOptions: options.jobOptions,
      onQueries: (queries) => progress(describeQueries(queries)),
    });

    let final: Extract<AnswerJob, { kind: "final" }>;
    try {
      const record = await answerQuestion(
        { catalog: options.catalog, engine, planner: options.planner, runStore: options.runStore, clock: options.clock, logger, deadlineMs: options.deadlineMs },
        { question: ask.question, asker: ask.asker, threadId, history, runId: ask.runId },
      );
      final = { kind: "final", ...target, eventAt: ask.eventAt, summary: summarizeRun(record) };
    } catch (error) {
      // Only an invalid question fails before a run exists; anything else (the run store down) is worth a retry.
      if (!isSkiffError(error, "QUESTION_INVALID")) throw error;
      final = { kind: "final", ...target, eventAt: ask.eventAt, error: error.message };
    } finally {
      finished = true;
      clearTimeout(timer);
    }
    final.workMs = Math.round((performance.now() - started) * 10) / 10;
    // Slack or Redis may blip while the bot posts the answer: the bot retries (an update, so never twice).
    await answers.add("final", final, { ...options.jobOptions, jobId: jobId(ask.runId, "final"), attempts: 5, backoff: { type: "exponential", delay: 1_000 } });
  };
}
