import type { Catalog } from "../../../catalog/model/catalog.js";
import type { AggregateMetric, Metric } from "../../../catalog/model/metric-schema.js";
import { isRatioMetric } from "../../../catalog/model/metric-schema.js";
import type { Table } from "../../../catalog/model/table-schema.js";

export const metricOf = (catalog: Catalog, name: string): Metric => catalog.metrics.get(name)!;

export function baseMetric(catalog: Catalog, metric: Metric): AggregateMetric {
  return isRatioMetric(metric) ? (metricOf(catalog, metric.numerator) as AggregateMetric) : metric;
}

export function tableOfMetric(catalog: Catalog, metric: Metric): Table {
  return catalog.tables.get(baseMetric(catalog, metric).table)!;
}

export function metricWords(metric: Metric): string {
  return metric.label ?? metric.name.replaceAll("_", " ");
}

/** A description inside parentheses: no trailing period, no nested parentheses. */
export const sentence = (text: string) => text.replace(/\.\s*$/, "").replace(/\s*\([^)]*\)/g, "");
