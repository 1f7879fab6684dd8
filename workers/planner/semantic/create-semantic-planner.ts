import type { Catalog } from "../../../catalog/model/catalog.js";
import type { Planner } from "../planner.js";
import { executeIntersectionPlan } from "./execute-intersection-plan.js";
import { executeMetricPlan } from "./execute-metric-plan.js";
import { interpretQuestion } from "./interpret-question.js";
import { buildVocabulary } from "./vocabulary.js";

/**
 * The offline planner: no model, no key. It answers what the catalog's metrics
 * cover, deterministically, and says plainly when a question is outside that.
 */
export function createSemanticPlanner(options: { catalog: Catalog }): Planner {
  const vocabulary = buildVocabulary(options.catalog);
  return {
    kind: "semantic",
    async answer(request, runner) {
      const plan = interpretQuestion(request.question, options.catalog, vocabulary, runner.asOf);
      return plan.kind === "intersection" ? executeIntersectionPlan(plan, runner) : executeMetricPlan(plan, runner);
    },
  };
}
