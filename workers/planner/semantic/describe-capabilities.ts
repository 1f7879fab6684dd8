import type { Catalog } from "../../../catalog/model/catalog.js";
import { isRatioMetric } from "../../../catalog/model/metric-schema.js";

/** One paragraph of what the catalog can answer, for "I can't answer that" replies. */
export function describeCapabilities(catalog: Catalog): string {
  const metrics = [...catalog.metrics.values()].map((metric) => {
    const label = metric.label ?? metric.name.replaceAll("_", " ");
    const dimensions = isRatioMetric(metric) ? [] : metric.dimensions.map((d) => d.replaceAll("_", " "));
    return dimensions.length > 0 ? `${label} (by ${dimensions.join(", ")})` : label;
  });
  return `Skiff can answer about: ${metrics.join("; ")}. Time ranges like today, yesterday, last 7 days, this month; rankings like top 10.`;
}
