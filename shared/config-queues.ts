import { z } from "zod";
import { parseEnvironment } from "./config-parse-environment.js";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** `analytics=4,billing=2`: statements each source runs at once across the whole fleet. */
const sourceConcurrencySchema = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const limits: Record<string, number> = {};
    for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
      const match = /^([a-z][a-z0-9_]*)=(\d+)$/.exec(part);
      if (!match?.[1] || !match[2] || Number(match[2]) < 1) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not source=N (e.g. analytics=4,billing=2)` });
        return z.NEVER;
      }
      limits[match[1]] = Number(match[2]);
    }
    return limits;
  });

/**
 * The environment every queue role reads (bot, agent worker, query worker):
 * where Redis is, how queues are named, how much work each process takes.
 */
export const queueEnvSchema = z.object({
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Namespace for every queue key, so several Skiff installs can share one Redis. */
  SKIFF_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . - only").default("skiff"),
  /** Postgres run store; the embedded DuckDB store under SKIFF_HOME when unset. */
  SKIFF_DATABASE_URL: z.string().min(1).optional(),
  /** Questions one agent worker process plans at once. */
  SKIFF_AGENT_CONCURRENCY: positiveInt(16),
  /** Query jobs one query worker process runs at once (per source queue). */
  SKIFF_QUERY_CONCURRENCY: positiveInt(8),
  /** Per-source cap across every query worker, e.g. `analytics=4,billing=2`; others use SKIFF_SOURCE_CONCURRENCY_DEFAULT. */
  SKIFF_SOURCE_CONCURRENCY: sourceConcurrencySchema,
  SKIFF_SOURCE_CONCURRENCY_DEFAULT: positiveInt(16),
  /**
   * How long a job's lock lasts. Its worker renews it about every quarter of this while the job runs, from
   * the event loop: a worker whose event loop stalls for most of this loses the job to another. A killed
   * worker's lock lapses within this, and the next stalled check hands its job on: recovery after a
   * SIGKILL takes at most SKIFF_JOB_LOCK_MS + SKIFF_STALLED_CHECK_MS (8 s by default).
   */
  SKIFF_JOB_LOCK_MS: z.coerce.number().int().min(1_000, "SKIFF_JOB_LOCK_MS must be at least 1000 (ms)").default(6_000),
  /** How often workers look for jobs whose worker died (stalled-job recovery); one Lua call per queue and worker each time. */
  SKIFF_STALLED_CHECK_MS: positiveInt(2_000),
  /**
   * How many times a job may lose its worker and still be retried (1: the next worker takes it; a second
   * loss fails the try, and the job's own attempts and backoff apply). A job that kills every worker it
   * lands on stops there.
   */
  SKIFF_MAX_STALLED_COUNT: z.coerce.number().int().min(1, "SKIFF_MAX_STALLED_COUNT must be at least 1, or a dead worker's job fails instead of being retried").default(1),
  /** Completed jobs kept for this long (then trimmed), so Redis does not grow. */
  SKIFF_KEEP_COMPLETED_S: positiveInt(3_600),
});

export interface QueueConfig {
  redisUrl: string;
  prefix: string;
  databaseUrl: string | undefined;
  agentConcurrency: number;
  queryConcurrency: number;
  sourceConcurrency: Readonly<Record<string, number>>;
  sourceConcurrencyDefault: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  keepCompletedSeconds: number;
}

/** Parses the queue environment at start-up; a bad variable fails with its name. */
export function loadQueueConfig(env: NodeJS.ProcessEnv): QueueConfig {
  const e = parseEnvironment(queueEnvSchema, env, { what: "Skiff's queue environment" });
  return {
    redisUrl: e.REDIS_URL,
    prefix: e.SKIFF_QUEUE_PREFIX,
    databaseUrl: e.SKIFF_DATABASE_URL,
    agentConcurrency: e.SKIFF_AGENT_CONCURRENCY,
    queryConcurrency: e.SKIFF_QUERY_CONCURRENCY,
    sourceConcurrency: e.SKIFF_SOURCE_CONCURRENCY,
    sourceConcurrencyDefault: e.SKIFF_SOURCE_CONCURRENCY_DEFAULT,
    lockDurationMs: e.SKIFF_JOB_LOCK_MS,
    stalledIntervalMs: e.SKIFF_STALLED_CHECK_MS,
    maxStalledCount: e.SKIFF_MAX_STALLED_COUNT,
    keepCompletedSeconds: e.SKIFF_KEEP_COMPLETED_S,
  };
}

/** The lock and stalled-job settings every Skiff worker (agent, query, the bot's answers) runs with. */
export function workerLockOptions(config: Pick<QueueConfig, "lockDurationMs" | "stalledIntervalMs" | "maxStalledCount">) {
  return { lockDuration: config.lockDurationMs, stalledInterval: config.stalledIntervalMs, maxStalledCount: config.maxStalledCount };
}
