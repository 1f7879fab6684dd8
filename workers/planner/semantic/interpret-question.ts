import type { Catalog } from "../../../catalog/model/catalog.js";
import { planIntersection } from "./plan-intersection.js";
import { planMetric } from "./plan-metric.js";
import { readQuestion } from "./read-question.js";
import type { SemanticPlan } from "./semantic-plan.js";
import { unanswerable } from "./unanswerable.js";
import type { Vocabulary } from "./vocabulary.js";

/**
 * Maps a question onto the catalog: metrics, dimensions, segments, known values,
 * time ranges, rankings, period comparisons and entity-set intersections. General
 * over whatever the catalog declares; throws UNANSWERABLE, with what it can answer,
 * rather than guess.
 */
export function interpretQuestion(question: string, catalog: Catalog, vocabulary: Vocabulary, asOf: Date): SemanticPlan {
  const reading = readQuestion(question, vocabulary, asOf);
  if (reading.unknown.length > 0) {
    const words = [...new Set(reading.unknown)].map((w) => `"${w}"`).join(", ");
    unanswerable(catalog, `Skiff couldn't map ${words} to anything in the catalog.`);
  }
  return planIntersection(catalog, reading, asOf) ?? planMetric(catalog, reading, asOf);
}
