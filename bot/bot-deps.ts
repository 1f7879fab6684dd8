import type { JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Clock } from "../shared/clock.js";
import type { SlackConfig } from "../shared/config-slack.js";
import type { Logger } from "../shared/logger.js";
import type { RunFeedbackStore } from "../shared/run-feedback.js";
import type { RunStore } from "../shared/run-store/run-store.js";
import type { WaitEstimator } from "./ask/create-wait-estimator.js";
import type { BotMetrics } from "./metrics/create-bot-metrics.js";
import type { AfterAck } from "./slack/create-after-ack.js";

/** What the bot's listeners, answer renderer, reconciler and web routes share. */
export interface BotDeps {
  slack: SlackConfig;
  /** Fails fast while Redis is unreachable (no offline queue), so the bot can say so instead of hanging. */
  redis: Redis;
  /** Prefix for the bot's own Redis keys (dedupe, rate limits, threads it answers in, pending questions). */
  keyPrefix: string;
  /** `toKey` names a job's hash, for the reconciler's look-ups. */
  questions: Pick<Queue, "add" | "toKey">;
  /** The bot adds to it only when a question failed without its thread being told. */
  answers: Pick<Queue, "add" | "toKey">;
  askJobOptions: JobsOptions;
  answerJobOptions: JobsOptions;
  waitEstimator: WaitEstimator;
  runStore: RunStore & RunFeedbackStore;
  metrics: BotMetrics;
  /** Where listeners put what follows Slack's ack (admission comes before it); the bot waits for it on close. */
  afterAck: AfterAck;
  logger: Logger;
  clock: Clock;
}
