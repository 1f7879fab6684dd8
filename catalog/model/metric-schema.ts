import { z } from "zod";
import { identifierSchema, synonymsSchema, tableIdSchema } from "./primitives.js";

export const aggregates = ["count", "sum", "avg", "min", "max", "count_distinct"] as const;
export const aggregateSchema = z.enum(aggregates);
export type Aggregate = z.infer<typeof aggregateSchema>;

export const metricUnits = ["count", "bytes", "usd", "percent", "number"] as const;
export const metricUnitSchema = z.enum(metricUnits);
export type MetricUnit = z.infer<typeof metricUnitSchema>;

const metricBase = {
  name: identifierSchema,
  /** How answers name it ("requests", "bandwidth"). Defaults to the name with spaces. */
  label: z.string().optional(),
  synonyms: synonymsSchema,
  description: z.string().min(1),
  unit: metricUnitSchema.default("count"),
};

/**
 * An aggregate over one table. Sampling is applied by the compiler, never by
 * hand: on a sampled table `count` becomes the sum of the weight column and
 * `sum(x)` becomes `sum(x * weight)`, so every metric is sampling-correct by construction.
 */
export const aggregateMetricSchema = z.object({
  ...metricBase,
  table: tableIdSchema,
  aggregate: aggregateSchema,
  /** SQL expression over the table's columns; required for every aggregate but `count`. */
  expression: z.string().min(1).optional(),
  /** A predicate always applied (portable SQL over the table's columns). */
  filter: z.string().min(1).optional(),
  /** The default time column for time ranges and trends. */
  time: identifierSchema,
  /** Dimension names, column names or entity names the metric may be grouped or filtered by. */
  dimensions: z.array(identifierSchema).default([]),
  /** Phrases naming the event the metric counts, for questions about sets ("zones that *signed up* today"). */
  events: synonymsSchema,
});
export type AggregateMetric = z.infer<typeof aggregateMetricSchema>;

/** numerator ÷ denominator, both aggregate metrics on the same table. */
export const ratioMetricSchema = z.object({
  ...metricBase,
  numerator: identifierSchema,
  denominator: identifierSchema,
});
export type RatioMetric = z.infer<typeof ratioMetricSchema>;

export const metricSchema = z.union([aggregateMetricSchema, ratioMetricSchema]);
export type Metric = z.infer<typeof metricSchema>;

export function isRatioMetric(metric: Metric): metric is RatioMetric {
  return "numerator" in metric;
}
