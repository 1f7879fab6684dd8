import { isRatioMetric, type Metric } from "../../../../catalog/model/metric-schema.js";
import type { Catalog } from "../../../../catalog/model/catalog.js";
import { compileMetricQuery } from "../../../sql/compile-metric-query.js";
import type { QueryRunner } from "../../query-runner.js";

/** A metric's card: what it means, what it can be cut by, and the sampling-correct SQL the semantic layer writes for it. */
export function renderMetricCard(catalog: Catalog, metric: Metric, runner: QueryRunner): string {
  const lines = [`metric ${metric.name} (${metric.label ?? metric.name.replaceAll("_", " ")}, unit ${metric.unit}): ${metric.description}`];
  if (metric.synonyms.length > 0) lines.push(`also called: ${metric.synonyms.join(", ")}`);
  const base = isRatioMetric(metric) ? catalog.metrics.get(metric.numerator) : metric;
  if (isRatioMetric(metric)) lines.push(`ratio: ${metric.numerator} / ${metric.denominator}`);
  if (base && !isRatioMetric(base)) {
    lines.push(`table: ${base.table}; time column: ${base.time}; ${base.aggregate}${base.expression ? ` of ${base.expression}` : ""}${base.filter ? ` where ${base.filter}` : ""}`);
    if (base.dimensions.length > 0) lines.push(`group_by / filters: ${base.dimensions.join(", ")}, or a time grain (hour, day, week, month)`);
    const segments = [...catalog.segments.values()].filter((s) => s.table === base.table).map((s) => s.name);
    if (segments.length > 0) lines.push(`segments: ${segments.join(", ")}`);
    const table = catalog.tables.get(base.table);
    if (table) {
      const compiled = compileMetricQuery(catalog, { metric: metric.name, groupBy: [], filters: [] }, runner.dialectOf(table.source));
      lines.push(`sql (source ${table.source}):\n${compiled.sql}`);
    }
  }
  const terms = catalog.glossary.filter((g) => g.refs.includes(metric.name));
  for (const term of terms) lines.push(`glossary ${term.term}: ${term.definition}`);
  return lines.join("\n");
}
