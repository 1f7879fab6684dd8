import type { Catalog } from "../catalog/model/catalog.js";
import type { AnthropicConfig } from "../shared/config-anthropic.js";
import { SkiffError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import type { Planner } from "../workers/planner/planner.js";

export const plannerChoices = ["semantic", "claude"] as const;
export type PlannerChoice = (typeof plannerChoices)[number];

/** Reads `--planner`: unset means Claude when a key is configured, else the offline planner. */
export function choosePlanner(requested: string | undefined, anthropic: AnthropicConfig): PlannerChoice {
  if (requested === undefined) return anthropic.apiKey ? "claude" : "semantic";
  if ((plannerChoices as readonly string[]).includes(requested)) return requested as PlannerChoice;
  throw new SkiffError("CONFIG_INVALID", `--planner ${requested} is not a planner; use --planner semantic or --planner claude`);
}

/** The planner a CLI command or agent worker uses; only the chosen one is loaded (the Claude SDK is not, for the semantic planner). */
export async function createPlanner(choice: PlannerChoice, options: { catalog: Catalog; anthropic: AnthropicConfig; logger: Logger }): Promise<Planner> {
  if (choice === "semantic") {
    const { createSemanticPlanner } = await import("../workers/planner/semantic/create-semantic-planner.js");
    return createSemanticPlanner({ catalog: options.catalog });
  }
  const [{ createAnthropicClient }, { createClaudePlanner }] = await Promise.all([
    import("../workers/planner/claude/create-anthropic-client.js"),
    import("../workers/planner/claude/create-claude-planner.js"),
  ]);
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
