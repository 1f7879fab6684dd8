import { loadCatalog } from "../../catalog/load-catalog.js";
import { loadAnthropicConfig } from "../../shared/config-anthropic.js";
import type { RunningRole } from "../../shared/running-role.js";
import { startAgentWorker } from "../../workers/queues/start-agent-worker.js";
import { choosePlanner, createPlanner } from "../create-planner.js";
import type { RoleContext } from "./role-context.js";

/** The agent worker role: plans each question (Claude when ANTHROPIC_API_KEY is set) and sends its statements to the query workers. */
export async function startAgentRole(ctx: RoleContext): Promise<RunningRole> {
  const catalog = await loadCatalog(ctx.config.catalogDir);
  const anthropic = loadAnthropicConfig(ctx.env);
  const planner = await createPlanner(choosePlanner(undefined, anthropic), { catalog, anthropic, logger: ctx.logger });
  return startAgentWorker({
    config: ctx.queue,
    limits: ctx.config.limits,
    catalog,
    planner,
    runStore: await ctx.runStore(),
    clock: ctx.clock,
    logger: ctx.logger.child({ role: "agent" }),
  });
}
