import type { Catalog } from "../catalog/model/catalog.js";
import type { AnthropicConfig } from "../shared/config-anthropic.js";
import { SkiffError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { createAnthropicClient } from "../workers/planner/claude/create-anthropic-client.js";
import { createClaudePlanner } from "../workers/planner/claude/create-claude-planner.js";
import type { Planner } from "../workers/planner/planner.js";
import { createSemanticPlanner } from "../workers/planner/semantic/create-semantic-planner.js";

export const plannerChoices = ["semantic", "claude"] as const;
export type PlannerChoice = (typeof plannerChoices)[number];

/** Reads `--planner`: unset means Claude when a key is configured, else the offline planner. */
export function choosePlanner(requested: string | undefined, anthropic: AnthropicConfig): PlannerChoice {
  if (requested === undefined) return anthropic.apiKey ? "claude" : "semantic";
  if ((plannerChoices as readonly string[]).includes(requested)) return requested as PlannerChoice;
  throw new SkiffError("CONFIG_INVALID", `--planner ${requested} is not a planner; use --planner semantic or --planner claude`);
}

/** The planner a CLI command uses. */
export function createPlanner(choice: PlannerChoice, options: { catalog: Catalog; anthropic: AnthropicConfig; logger: Logger }): Planner {
  if (choice === "semantic") return createSemanticPlanner({ catalog: options.catalog });
  const { anthropic } = options;
  return createClaudePlanner({
    catalog: options.catalog,
    client: createAnthropicClient(anthropic),
    model: anthropic.model,
    budgets: anthropic.budgets,
    maxRetries: anthropic.maxRetries,
    logger: options.logger,
  });
}
