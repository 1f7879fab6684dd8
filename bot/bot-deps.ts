import type { JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Clock } from "../shared/clock.js";
import type { SlackConfig } from "../shared/config-slack.js";
import type { Logger } from "../shared/logger.js";
import type { RunFeedbackStore } from "../shared/run-feedback.js";
import type { RunStore } from "../shared/run-store/run-store.js";
import type { BotMetrics } from "./metrics/create-bot-metrics.js";

/** What the bot's listeners, answer renderer and web routes share. */
export interface BotDeps {
  slack: SlackConfig;
  /** Fails fast while Redis is unreachable (no offline queue), so the bot can say so instead of hanging. */
  redis: Redis;
  /** Prefix for the bot's own Redis keys (dedupe, rate limits, threads it answers in). */
  keyPrefix: string;
  questions: Pick<Queue, "add">;
  askJobOptions: JobsOptions;
  runStore: RunStore & RunFeedbackStore;
  metrics: BotMetrics;
  logger: Logger;
  clock: Clock;
  newRunId: () => string;
}
