import type { Config } from "../../shared/config.js";
import type { QueueConfig } from "../../shared/config-queues.js";
import { createDuckDbRunStore } from "../../shared/run-store/create-duckdb-run-store.js";
import { createPostgresRunStore } from "../../shared/run-store/create-postgres-run-store.js";
import type { RunFeedbackStore } from "../../shared/run-feedback.js";
import type { RunRewriter } from "../../shared/run-store/rewrite-runs.js";
import type { RunStore } from "../../shared/run-store/run-store.js";

/** Postgres when SKIFF_DATABASE_URL is set (several hosts), else the embedded store under SKIFF_HOME (one host). */
export function createRunStore(config: Config, queue: Pick<QueueConfig, "databaseUrl">): RunStore & RunFeedbackStore & RunRewriter {
  return queue.databaseUrl ? createPostgresRunStore({ connectionString: queue.databaseUrl }) : createDuckDbRunStore({ path: config.runStorePath });
}
