import type { Clock } from "../../shared/clock.js";
import type { Config } from "../../shared/config.js";
import type { QueueConfig } from "../../shared/config-queues.js";
import type { Logger } from "../../shared/logger.js";
import type { RunFeedbackStore } from "../../shared/run-feedback.js";
import type { RunStore } from "../../shared/run-store/run-store.js";

/** What every role starts from: its settings, clock and logger, and the run store the agent and bot share. */
export interface RoleContext {
  env: NodeJS.ProcessEnv;
  config: Config;
  queue: QueueConfig;
  clock: Clock;
  logger: Logger;
  /** Opened on first use (the query role never does). */
  runStore(): Promise<RunStore & RunFeedbackStore>;
}
