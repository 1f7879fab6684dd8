import { loadCatalog } from "../../catalog/load-catalog.js";
import { startBot } from "../../bot/start-bot.js";
import { systemClock, type Clock } from "../../shared/clock.js";
import { loadConfig } from "../../shared/config.js";
import { loadAnthropicConfig } from "../../shared/config-anthropic.js";
import { loadQueueConfig } from "../../shared/config-queues.js";
import { loadSlackConfig } from "../../shared/config-slack.js";
import type { Logger } from "../../shared/logger.js";
import type { RunFeedbackStore } from "../../shared/run-feedback.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import type { RunningRole } from "../../shared/running-role.js";
import { createEngine } from "../../workers/engine/create-engine.js";
import { newRunId } from "../../workers/pipeline/new-run-id.js";
import { startAgentWorker } from "../../workers/queues/start-agent-worker.js";
import { startQueryWorker } from "../../workers/queues/start-query-worker.js";
import { createSourceAdapter } from "../../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../../workers/sources/source-adapter.js";
import { createCliLogger } from "../create-runtime.js";
import { choosePlanner, createPlanner } from "../create-planner.js";
import { createRunStore } from "./create-run-store.js";
import { loadPiiKey } from "../../workers/engine/substitute/load-pii-key.js";
import type { RoleName } from "./roles.js";

export interface StartRolesOptions {
  roles: readonly RoleName[];
  env: NodeJS.ProcessEnv;
  /** Answers as of this clock (tests pin it). @defaultValue the system clock */
  clock?: Clock;
  logger?: Logger;
  /**
   * How long one role may take to finish its work in flight when closing. A
   * job still running after it is handed back to the queue by stalled-job
   * recovery, so giving up here loses nothing. @defaultValue 15000
   */
  closeTimeoutMs?: number;
}

export interface RunningRoles extends RunningRole {
  /** The bot's HTTP port, when the bot role runs. */
  port?: number;
}

/**
 * Starts the requested roles in this process. Each role reads only its own
 * settings: the bot the Slack tokens, the agent the model key, the query
 * worker the source connections.
 */
export async function startRoles(options: StartRolesOptions): Promise<RunningRoles> {
  const { env, roles } = options;
  const config = loadConfig(env);
  const queue = loadQueueConfig(env);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createCliLogger(config);
  const started: (() => Promise<void>)[] = [];
  let runStore: (RunStore & RunFeedbackStore) | undefined;
  const store = () => (runStore ??= createRunStore(config, queue));
  let port: number | undefined;

  const closeAll = async () => {
    // Bot first (stop taking questions), then agents, then query workers, then shared resources.
    for (const close of started.reverse()) {
      await withDeadline(close(), options.closeTimeoutMs ?? 15_000).catch((error: unknown) => logger.error({ err: error }, "a role did not close cleanly"));
    }
    await runStore?.close();
  };
  try {
    if (roles.includes("query")) {
      const catalog = await loadCatalog(config.catalogDir);
      const sources = new Map<string, SourceAdapter>();
      for (const source of catalog.sources.values()) sources.set(source.name, createSourceAdapter(source, config.sourceEnv));
      const engine = createEngine({ catalog, sources, limits: config.limits, clock, logger: logger.child({ role: "query" }), piiKey: await loadPiiKey(config.pii) });
      const worker = await startQueryWorker({ config: queue, catalog, engine, logger: logger.child({ role: "query" }) });
      started.push(async () => {
        await worker.close();
        engine.close();
        await Promise.allSettled([...sources.values()].map((s) => s.close()));
      });
    }
    if (roles.includes("agent")) {
      const catalog = await loadCatalog(config.catalogDir);
      const anthropic = loadAnthropicConfig(env);
      const planner = createPlanner(choosePlanner(undefined, anthropic), { catalog, anthropic, logger });
      const worker = await startAgentWorker({ config: queue, limits: config.limits, catalog, planner, runStore: store(), clock, logger: logger.child({ role: "agent" }) });
      started.push(() => worker.close());
    }
    if (roles.includes("bot")) {
      const slack = loadSlackConfig(env);
      const querySources = [...(await loadCatalog(config.catalogDir)).sources.keys()];
      const bot = await startBot({ slack, queue, runStore: store(), logger: logger.child({ role: "bot" }), clock, newRunId, querySources });
      port = bot.port;
      started.push(() => bot.close());
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { ...(port === undefined ? {} : { port }), close: closeAll };
}

/** Rejects when `work` outlasts `ms` (Redis gone while closing must not hang shutdown). */
function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still closing after ${ms} ms; leaving the rest to stalled-job recovery`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
