import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { pendingKeys } from "../../bot/ask/run-keys.js";
import { queueNames } from "../../shared/jobs/queue-names.js";

export interface SettleProbe {
  /** True when no question is pending and the questions and answers queues have nothing waiting, running or delayed; false too when Redis does not answer within a second. */
  idle(): Promise<boolean>;
  close(): Promise<void>;
}

/** Looks at a Skiff install's Redis the way the tests' `settled()` does, without hanging while Redis is away. */
export function createSettleProbe(port: number, prefix: string): SettleProbe {
  const connection = { host: "127.0.0.1", port, maxRetriesPerRequest: 1, retryStrategy: () => 200 };
  const redis = new Redis({ ...connection, enableOfflineQueue: false });
  redis.on("error", () => undefined);
  const queues = [queueNames.questions, queueNames.answers].map((name) => new Queue(name, { connection, prefix }));
  for (const queue of queues) queue.on("error", () => undefined);
  const pendingAt = pendingKeys(`${prefix}:bot`).pendingAt;
  const within = <T>(work: Promise<T>, ms: number) =>
    Promise.race([work, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]).catch(() => undefined);
  return {
    async idle() {
      const [pending, ...counts] = await Promise.all([
        within(redis.zcard(pendingAt), 1_000),
        ...queues.map((q) => within(q.getJobCountByTypes("waiting", "active", "delayed", "prioritized", "waiting-children"), 1_000)),
      ]);
      return pending === 0 && counts.every((n) => n === 0);
    },
    async close() {
      redis.disconnect();
      await Promise.allSettled(queues.map((q) => q.close()));
    },
  };
}
