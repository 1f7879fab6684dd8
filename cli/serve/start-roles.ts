import { systemClock, type Clock } from "../../shared/clock.js";
import { loadConfig } from "../../shared/config.js";
import { loadQueueConfig } from "../../shared/config-queues.js";
import type { Logger } from "../../shared/logger.js";
import type { RunFeedbackStore } from "../../shared/run-feedback.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import type { RunningRole } from "../../shared/running-role.js";
import { createCliLogger } from "../create-cli-logger.js";
import type { RoleContext } from "./role-context.js";
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
  let runStore: Promise<RunStore & RunFeedbackStore> | undefined;
  const ctx: RoleContext = {
    env,
    config,
    queue,
    clock,
    logger,
    runStore: () => (runStore ??= import("./create-run-store.js").then(({ createRunStore }) => createRunStore(config, queue))),
  };
  let port: number | undefined;

  const closeAll = async () => {
    // Bot first (stop taking questions), then agents, then query workers, then shared resources.
    for (const close of started.reverse()) {
      await withDeadline(close(), options.closeTimeoutMs ?? 15_000).catch((error: unknown) => logger.error({ err: error }, "a role did not close cleanly"));
    }
    await (await runStore?.catch(() => undefined))?.close();
  };
  // Each role's modules load only when it runs (a query worker never loads Bolt or the Claude SDK): start-up is mostly module loading.
  try {
    if (roles.includes("query")) {
      const role = await (await import("./start-query-role.js")).startQueryRole(ctx);
      started.push(() => role.close());
    }
    if (roles.includes("agent")) {
      const role = await (await import("./start-agent-role.js")).startAgentRole(ctx);
      started.push(() => role.close());
    }
    if (roles.includes("bot")) {
      const bot = await (await import("./start-bot-role.js")).startBotRole(ctx);
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
