import type Anthropic from "@anthropic-ai/sdk";
import type { Catalog } from "../../../catalog/model/catalog.js";
import { createCatalogSearch, type CatalogSearch } from "../../../catalog/search-catalog.js";
import type { AgentBudgets } from "../../../shared/config-anthropic.js";
import { silentLogger, type Logger } from "../../../shared/logger.js";
import type { Planner } from "../planner.js";
import { toolDefinitions } from "./agent-tools.js";
import { buildSystemPrompt } from "./build-system-prompt.js";
import { createLiveFacts } from "./describe/live-facts.js";
import { runAgentLoop } from "./run-agent-loop.js";

export interface ClaudePlannerOptions {
  catalog: Catalog;
  /** The Messages API client (its base URL, key and retries are set by whoever builds it). */
  client: Anthropic;
  model: string;
  budgets: AgentBudgets;
  /** The client's retry count, named in the message when the API keeps failing. @defaultValue 2 */
  maxRetries?: number;
  /** A prebuilt search index (a large catalog takes a moment to index). */
  search?: CatalogSearch;
  /** How long live facts from `describe` are reused. @defaultValue 5 minutes */
  liveFactsTtlMs?: number;
  logger?: Logger;
}

/**
 * The Claude planner: the model plans with six grounded tools, and every
 * statement it writes goes through the run's QueryRunner (guard, masking,
 * caveats, run record). Its SQL is never trusted, and it never sees a masked value.
 */
export function createClaudePlanner(options: ClaudePlannerOptions): Planner {
  const { catalog } = options;
  const search = options.search ?? createCatalogSearch(catalog);
  const liveFacts = createLiveFacts({ ttlMs: options.liveFactsTtlMs ?? 300_000 });
  const systemPrompt = buildSystemPrompt(catalog);
  const tools = toolDefinitions() as Anthropic.Tool[];
  const logger = options.logger ?? silentLogger;
  return {
    kind: "claude",
    answer(request, runner) {
      return runAgentLoop(
        { client: options.client, model: options.model, budgets: options.budgets, maxRetries: options.maxRetries ?? 2, systemPrompt, tools, logger },
        request,
        { runner, catalog, search, liveFacts },
      );
    },
  };
}
