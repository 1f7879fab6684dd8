import type { Job, JobsOptions } from "bullmq";
import { SkiffError } from "../../shared/errors.js";
import { jobId } from "../../shared/jobs/queue-names.js";
import { queryJobResultSchema, type QueryJob } from "../../shared/jobs/query-job.js";
import type { PlannedQuery } from "../engine/planned-query.js";
import type { Scratch } from "../engine/scratch/open-scratch.js";
import type { RunEngine } from "../pipeline/create-run-context.js";
import { failedQuery, fromQueryJobResult, toJobQuery } from "./query-job-codec.js";
import type { SourceLane } from "./source-lane.js";

export interface QueueRunEngineOptions {
  /** Query queues by source name. */
  lanes: ReadonlyMap<string, SourceLane>;
  /** Scratch stays in the agent worker: results meet there, not in a query worker. */
  openScratch: () => Promise<Scratch>;
  runId: string;
  /**
   * Which attempt at the run this is (the AskJob's `attemptsStarted`): part of
   * every query job's id, so a retried run's statements are new jobs.
   */
  attempt: number;
  /** The run's deadline, ms since epoch. */
  deadlineAt: number;
  jobOptions: JobsOptions;
  /** Told before each batch is enqueued (progress in the thread). */
  onQueries?: (queries: readonly PlannedQuery[]) => void;
}

/** `<run>-a<attempt>-<query>`: one job per statement of one attempt at a run. */
export function queryJobId(runId: string, attempt: number, queryId: string): string {
  return jobId(runId, `a${attempt}`, queryId);
}

/**
 * A {@link RunEngine} whose statements run in query workers: each query
 * becomes a QueryJob on its source's queue, and the run waits for the result.
 * Job ids are the run id, the attempt and the query id. A retried run (its
 * agent died, or the attempt failed) plans again with its own clock, so its
 * statements differ from the last attempt's even where their query ids repeat;
 * reusing the earlier job would answer with the earlier attempt's time window,
 * because BullMQ hands back an existing job and ignores the new data.
 */
export function createQueueRunEngine(options: QueueRunEngineOptions): RunEngine {
  const { lanes, runId, attempt, deadlineAt } = options;

  const runOne = async (query: PlannedQuery) => {
    const lane = lanes.get(query.source);
    if (!lane) {
      const known = [...lanes.keys()].join(", ") || "none";
      return failedQuery(query, new SkiffError("UNKNOWN_SOURCE", `there is no source named ${query.source}; sources: ${known}`));
    }
    const started = performance.now();
    const data: QueryJob = { runId, query: toJobQuery(query), deadlineAt };
    let job: Job | undefined;
    try {
      job = await lane.queue.add("query", data, { ...options.jobOptions, jobId: queryJobId(runId, attempt, query.id) });
      const remaining = deadlineAt - Date.now();
      if (remaining <= 0) throw new SkiffError("QUERY_TIMEOUT", "the run's deadline passed before the query ran");
      const raw: unknown = await job.waitUntilFinished(lane.events, remaining);
      const parsed = queryJobResultSchema.safeParse(raw);
      if (!parsed.success) throw new SkiffError("INTERNAL", `query worker returned a result Skiff cannot read (${parsed.error.message}); are the worker versions in step?`);
      return fromQueryJobResult(query, parsed.data);
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      if (error instanceof SkiffError) return failedQuery(query, error, ms);
      const message = error instanceof Error ? error.message : String(error);
      const timedOut = /timed out|ttl/i.test(message);
      if (!timedOut) return failedQuery(query, new SkiffError("SOURCE_UNAVAILABLE", `the query worker for ${query.source} failed: ${message}`, { cause: error }), ms);
      // Which it was tells the asker (and the operator) what to do: a source that hangs, or no worker to run it.
      const state = await job?.getState().catch(() => "unknown");
      const why =
        state === "waiting" || state === "prioritized" || state === "delayed"
          ? `no query worker took the query for ${query.source} before the run's deadline (${Math.round(ms / 1000)} s); the workers are busy or none is running for it`
          : `${query.source} did not answer within the run's deadline (${Math.round(ms / 1000)} s)`;
      return failedQuery(query, new SkiffError("QUERY_TIMEOUT", why, { cause: error }), ms);
    }
  };

  return {
    runAll(queries) {
      options.onQueries?.(queries);
      return Promise.all(queries.map(runOne));
    },
    openScratch: options.openScratch,
  };
}
