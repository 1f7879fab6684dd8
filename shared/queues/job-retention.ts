import type { QueueConfig } from "../config-queues.js";

/** Completed jobs are trimmed by age, failed ones kept a day for inspection, so Redis does not grow. */
export function jobRetention(config: Pick<QueueConfig, "keepCompletedSeconds">) {
  return {
    removeOnComplete: { age: config.keepCompletedSeconds, count: 10_000 },
    removeOnFail: { age: 86_400, count: 10_000 },
  };
}
