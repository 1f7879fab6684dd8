import type { AggregateMetric, Catalog, Metric, RatioMetric } from "../model/index.js";
import { isRatioMetric } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { CatalogEntry } from "./merge-catalog-files.js";
import { notFoundMessage } from "./not-found-message.js";

/** Metrics compile to SQL over one table: everything they name must exist there. */
export function checkMetrics(metrics: readonly CatalogEntry<Metric>[], catalog: Catalog): CatalogIssue[] {
  const dimensionsByTable = new Map<string, string[]>();
  for (const dimension of catalog.dimensions.values()) {
    dimensionsByTable.set(dimension.table, [...(dimensionsByTable.get(dimension.table) ?? []), dimension.name]);
  }
  return metrics.flatMap((entry) => {
    const metric = entry.value;
    return isRatioMetric(metric) ? checkRatio(entry, metric, catalog) : checkAggregate(entry, metric, catalog, dimensionsByTable.get(metric.table) ?? []);
  });
}

function checkAggregate(entry: CatalogEntry<Metric>, metric: AggregateMetric, catalog: Catalog, declared: readonly string[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (metric.aggregate !== "count" && metric.expression === undefined) {
    issues.push(entry.issueAt(["aggregate"], `aggregate ${metric.aggregate} needs an expression: the SQL over ${metric.table}'s columns to ${metric.aggregate}`));
  }
  const table = catalog.tables.get(metric.table);
  if (table === undefined) {
    const subject = `table "${metric.table}" is not declared`;
    issues.push(entry.issueAt(["table"], notFoundMessage(subject, metric.table, [...catalog.tables.keys()], "declare it under tables: or name the metric's table as source.table")));
    return issues;
  }
  const columns = table.columns.map((column) => column.name);
  if (!columns.includes(metric.time)) {
    const subject = `time column "${metric.time}" is not a column of ${metric.table}`;
    issues.push(entry.issueAt(["time"], notFoundMessage(subject, metric.time, columns, "name its timestamp or date column")));
  }
  const keyedEntity = (name: string): boolean => {
    const entity = catalog.entities.get(name);
    return entity !== undefined && (entity.table === metric.table || table.entity === name || table.keys[name] !== undefined);
  };
  metric.dimensions.forEach((name, index) => {
    if (columns.includes(name) || declared.includes(name) || keyedEntity(name)) return;
    const groupable = [...columns, ...declared, ...[...catalog.entities.keys()].filter(keyedEntity)];
    const subject = `"${name}" is not a column of ${metric.table}, a dimension declared on it, or an entity it has a key for`;
    issues.push(entry.issueAt(["dimensions", index], notFoundMessage(subject, name, groupable, "name one of those")));
  });
  return issues;
}

function checkRatio(entry: CatalogEntry<Metric>, metric: RatioMetric, catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const parts: AggregateMetric[] = [];
  const aggregates = (): string[] => [...catalog.metrics.values()].filter((candidate) => !isRatioMetric(candidate)).map((candidate) => candidate.name);
  for (const field of ["numerator", "denominator"] as const) {
    const name = metric[field];
    const part = catalog.metrics.get(name);
    if (part === undefined) {
      issues.push(entry.issueAt([field], notFoundMessage(`${field} "${name}" is not a declared metric`, name, aggregates(), "name an aggregate metric")));
    } else if (isRatioMetric(part)) {
      issues.push(entry.issueAt([field], `${field} "${name}" is itself a ratio; a ratio divides two aggregate metrics`));
    } else {
      parts.push(part);
    }
  }
  const [numerator, denominator] = parts;
  if (numerator !== undefined && denominator !== undefined && numerator.table !== denominator.table) {
    issues.push(
      entry.issueAt(
        ["denominator"],
        `numerator "${numerator.name}" is on ${numerator.table} but denominator "${denominator.name}" is on ${denominator.table}; a ratio divides two metrics of the same table`,
      ),
    );
  }
  return issues;
}
