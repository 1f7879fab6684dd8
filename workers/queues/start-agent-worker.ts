import { Queue, QueueEvents, Worker, type Job } from "bullmq";
import type { Catalog } from "../../catalog/model/catalog.js";
import type { Clock } from "../../shared/clock.js";
import type { Config } from "../../shared/config.js";
import { workerLockOptions, type QueueConfig } from "../../shared/config-queues.js";
import type { AnswerJob } from "../../shared/jobs/answer-job.js";
import { askJobSchema } from "../../shared/jobs/ask-job.js";
import { jobId, queueNames } from "../../shared/jobs/queue-names.js";
import type { Logger } from "../../shared/logger.js";
import { createConnectionErrorLog } from "../../shared/queues/create-connection-error-log.js";
import { jobRetention } from "../../shared/queues/job-retention.js";
import { redisOptions, workerRedisOptions } from "../../shared/queues/redis-options.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import type { RunningRole } from "../../shared/running-role.js";
import { createScratchInstances } from "../engine/scratch/create-scratch-instances.js";
import { openScratch } from "../engine/scratch/open-scratch.js";
import type { Planner } from "../planner/planner.js";
import { createAskProcessor } from "./create-ask-processor.js";
import type { SourceLane } from "./source-lane.js";

export interface AgentWorkerOptions {
  config: QueueConfig;
  limits: Config["limits"];
  catalog: Catalog;
  planner: Planner;
  runStore: RunStore;
  clock: Clock;
  logger: Logger;
  /** Tries per question before the thread is told it failed. @defaultValue 3 */
  attempts?: number;
}

/**
 * The agent worker: takes AskJobs, plans, sends statements to the query
 * workers and reports back through AnswerJobs. It holds no source credentials;
 * its scratch database (cross-source joins) lives here.
 */
export async function startAgentWorker(options: AgentWorkerOptions): Promise<RunningRole> {
  const { config, logger } = options;
  const connection = redisOptions(config.redisUrl);
  const retention = jobRetention(config);
  const connectionErrors = createConnectionErrorLog(logger);
  const lanes = new Map<string, SourceLane>();
  for (const source of options.catalog.sources.keys()) {
    const name = queueNames.queries(source);
    const events = new QueueEvents(name, { connection: workerRedisOptions(config.redisUrl), prefix: config.prefix });
    connectionErrors.watch(events, `${name} results`);
    const queue = new Queue(name, { connection, prefix: config.prefix });
    connectionErrors.watch(queue, name);
    // Every query a run waits on listens for the queue closing; many runs in flight are expected, not a leak.
    queue.setMaxListeners(0);
    lanes.set(source, { queue, events });
  }
  await Promise.all([...lanes.values()].map((lane) => lane.events.waitUntilReady()));
  const answers = new Queue(queueNames.answers, { connection, prefix: config.prefix });
  connectionErrors.watch(answers, queueNames.answers);
  const scratch = createScratchInstances();

  const processor = createAskProcessor({
    catalog: options.catalog,
    planner: options.planner,
    runStore: options.runStore,
    clock: options.clock,
    logger,
    lanes,
    openScratch: async () =>
      openScratch({ limits: options.limits, logger, instance: await scratch.take(), release: (instance, tables) => scratch.give(instance, tables) }),
    answers,
    deadlineMs: options.limits.runDeadlineMs,
    jobOptions: retention,
  });
  const worker = new Worker(queueNames.questions, processor, {
    connection: workerRedisOptions(config.redisUrl),
    prefix: config.prefix,
    concurrency: config.agentConcurrency,
    ...workerLockOptions(config),
  });
  connectionErrors.watch(worker, queueNames.questions);
  worker.on("failed", (job: Job | undefined, error) => {
    if (!job) return;
    logger.error({ err: error, job: job.id }, "question failed");
    const outOfTries = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === "UnrecoverableError";
    const ask = askJobSchema.safeParse(job.data);
    if (!outOfTries || !ask.success) return;
    const { runId, channel, threadTs, placeholderTs, eventAt } = ask.data;
    const final: AnswerJob = {
      kind: "final",
      runId,
      channel,
      threadTs,
      placeholderTs,
      eventAt,
      error: "Skiff could not finish this answer (a part of it is down). Try again in a few minutes; if it keeps happening, share the run id with whoever runs Skiff.",
    };
    void answers
      .add("final", final, { ...retention, jobId: jobId(runId, "final"), attempts: 5, backoff: { type: "exponential", delay: 1_000 } })
      .catch((addError: unknown) => logger.error({ err: addError, run: runId }, "could not tell the thread the question failed"));
  });
  logger.info({ concurrency: config.agentConcurrency }, "agent worker ready");
  return {
    async close() {
      await worker.close();
      scratch.close();
      await Promise.all([answers.close(), ...[...lanes.values()].flatMap((lane) => [lane.queue.close(), lane.events.close()])]);
      connectionErrors.close();
    },
  };
}
