import { loadCatalog } from "../../catalog/load-catalog.js";
import { startBot, type RunningBot } from "../../bot/start-bot.js";
import { loadSlackConfig } from "../../shared/config-slack.js";
import type { RoleContext } from "./role-context.js";

/** The Slack bot role: events in, questions onto the queue, answers into threads, run pages and metrics. */
export async function startBotRole(ctx: RoleContext): Promise<RunningBot> {
  const slack = loadSlackConfig(ctx.env);
  const querySources = [...(await loadCatalog(ctx.config.catalogDir)).sources.keys()];
  return startBot({ slack, queue: ctx.queue, runStore: await ctx.runStore(), logger: ctx.logger.child({ role: "bot" }), clock: ctx.clock, querySources });
}
