import type { Catalog } from "../../catalog/model/catalog.js";
import { physicalName } from "../../catalog/model/catalog.js";
import type { AggregateMetric, Metric } from "../../catalog/model/metric-schema.js";
import { isRatioMetric } from "../../catalog/model/metric-schema.js";
import type { Table } from "../../catalog/model/table-schema.js";
import { resolveAttribute } from "../../catalog/resolve-attribute.js";
import { SkiffError } from "../../shared/errors.js";
import type { TimeWindow } from "../engine/planned-query.js";
import type { Dialect } from "./dialect.js";
import type { MetricQuery } from "./metric-query.js";
import { filterPredicate } from "./filter-predicate.js";
import { windowPredicate } from "./window-predicate.js";
import { truncateTime } from "./truncate-time.js";

export interface CompiledColumn {
  name: string;
  role: "group" | "time" | "metric" | "previous";
  /** For entity groupings: the entity whose key this column holds. */
  entity?: string;
}

export interface CompiledMetricQuery {
  sql: string;
  table: Table;
  metric: Metric;
  /** The result column holding the metric's value. */
  valueColumn: string;
  columns: CompiledColumn[];
}

function fail(message: string): never {
  throw new SkiffError("UNANSWERABLE", message);
}

function aggregateMetricOf(catalog: Catalog, name: string): AggregateMetric {
  const metric = catalog.metrics.get(name);
  if (!metric) fail(`unknown metric "${name}"; metrics: ${[...catalog.metrics.keys()].join(", ")}`);
  if (isRatioMetric(metric)) fail(`metric "${name}" is a ratio; a ratio's parts must be aggregates`);
  return metric;
}

function tableOf(catalog: Catalog, metric: AggregateMetric): Table {
  const table = catalog.tables.get(metric.table);
  if (!table) fail(`metric "${metric.name}" reads ${metric.table}, which the catalog does not hold`);
  return table;
}

function and(parts: Array<string | undefined>): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined && p !== "");
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : present.map((p) => `(${p})`).join(" AND ");
}

/** One aggregate, sampling-weighted by construction, optionally restricted to rows matching `condition`. */
function aggregateSql(metric: AggregateMetric, table: Table, condition: string | undefined): string {
  const weight = table.sampling?.weight;
  const expression = metric.expression ?? "1";
  const only = (value: string, otherwise: string) => (condition ? `CASE WHEN ${condition} THEN ${value} ELSE ${otherwise} END` : value);
  switch (metric.aggregate) {
    case "count":
      if (weight) return `sum(${only(weight, "0")})`;
      return condition ? `sum(${only("1", "0")})` : "count(*)";
    case "sum":
      return `sum(${only(weight ? `(${expression}) * ${weight}` : expression, "0")})`;
    case "avg":
      return weight
        ? `1.0 * sum(${only(`(${expression}) * ${weight}`, "0")}) / NULLIF(sum(${only(weight, "0")}), 0)`
        : `avg(${only(expression, "NULL")})`;
    case "min":
    case "max":
      return `${metric.aggregate}(${only(expression, "NULL")})`;
    case "count_distinct":
      return `count(DISTINCT ${only(expression, "NULL")})`;
  }
}

interface MetricParts {
  table: Table;
  /** Builds the metric's SQL restricted to rows matching `condition` (a window, a share's numerator). */
  sql(condition: string | undefined): string;
  /** Applied in WHERE when the metric is a plain aggregate (cheaper than CASE). */
  where: string | undefined;
}

function metricParts(catalog: Catalog, metric: Metric): MetricParts {
  if (!isRatioMetric(metric)) {
    const table = tableOf(catalog, metric);
    return { table, where: metric.filter, sql: (condition) => aggregateSql(metric, table, condition) };
  }
  const numerator = aggregateMetricOf(catalog, metric.numerator);
  const denominator = aggregateMetricOf(catalog, metric.denominator);
  const table = tableOf(catalog, numerator);
  if (numerator.table !== denominator.table) fail(`ratio "${metric.name}" mixes tables; both parts must read one table`);
  return {
    table,
    where: undefined,
    sql: (condition) =>
      `1.0 * ${aggregateSql(numerator, table, and([numerator.filter, condition]))} / NULLIF(${aggregateSql(denominator, table, and([denominator.filter, condition]))}, 0)`,
  };
}

/**
 * Compiles a {@link MetricQuery} to one SELECT in the given dialect. Only
 * catalog-authored SQL (metric expressions, dimensions, segments) and escaped
 * literals reach the statement, and the result still passes the guard.
 */
export function compileMetricQuery(catalog: Catalog, query: MetricQuery, dialect: Dialect): CompiledMetricQuery {
  const metric = catalog.metrics.get(query.metric);
  if (!metric) fail(`unknown metric "${query.metric}"; metrics: ${[...catalog.metrics.keys()].join(", ")}`);
  const parts = metricParts(catalog, metric);
  const { table } = parts;
  const timeMetric = isRatioMetric(metric) ? aggregateMetricOf(catalog, metric.numerator) : metric;
  const timeColumn = timeMetric.time;
  const timeIsDate = table.columns.find((c) => c.name === timeColumn)?.type.toUpperCase() === "DATE";

  const select: string[] = [];
  const groupBy: string[] = [];
  const columns: CompiledColumn[] = [];
  for (const group of query.groupBy) {
    if (group.kind === "time") {
      select.push(`${truncateTime(timeColumn, group.grain, dialect, timeIsDate)} AS ${group.grain}`);
      groupBy.push(group.grain);
      columns.push({ name: group.grain, role: "time" });
      continue;
    }
    const attribute = resolveAttribute(catalog, table, group.name);
    if (!attribute) fail(`${metric.name} can't be broken down by "${group.name}"`);
    select.push(attribute.expression === attribute.name ? attribute.name : `${attribute.expression} AS ${attribute.name}`);
    groupBy.push(attribute.name);
    columns.push({ name: attribute.name, role: "group", ...(attribute.kind === "entity" ? { entity: attribute.entity.name } : {}) });
  }

  const shareCondition = query.shareOf ? filterPredicate(catalog, table, query.shareOf) : undefined;
  const metricSql = (window: TimeWindow | undefined) => {
    const condition = and([window && query.compare ? windowPredicate(table, timeColumn, window, dialect) : undefined]);
    if (!shareCondition) return parts.sql(condition);
    return `1.0 * ${parts.sql(and([condition, shareCondition]))} / NULLIF(${parts.sql(condition)}, 0)`;
  };
  // A share is a different number from the metric itself, so it gets its own name.
  const valueName = query.shareOf ? `${metric.name}_share` : metric.name;
  select.push(`${metricSql(query.window)} AS ${valueName}`);
  columns.push({ name: valueName, role: "metric" });
  if (query.compare) {
    select.push(`${metricSql(query.compare)} AS previous_${valueName}`);
    columns.push({ name: `previous_${valueName}`, role: "previous" });
  }

  const windows: TimeWindow[] = [query.window, query.compare].filter((w): w is TimeWindow => w !== undefined);
  const span: TimeWindow | undefined =
    windows.length === 0
      ? undefined
      : {
          start: new Date(Math.min(...windows.map((w) => w.start.getTime()))),
          end: new Date(Math.max(...windows.map((w) => w.end.getTime()))),
        };
  const where = and([
    parts.where,
    span ? windowPredicate(table, timeColumn, span, dialect) : undefined,
    ...query.filters.map((f) => filterPredicate(catalog, table, f)),
  ]);

  const lines = [`SELECT ${select.join(", ")}`, `FROM ${physicalName(table)}`];
  if (where) lines.push(`WHERE ${where}`);
  if (groupBy.length > 0) lines.push(`GROUP BY ${groupBy.join(", ")}`);
  const timeGroup = query.groupBy.find((g) => g.kind === "time");
  if (query.limit !== undefined || query.order !== undefined) {
    const direction = query.order === "asc" ? "ASC" : "DESC";
    // Ties are broken by the grouping columns so a top N is the same on every run and every engine.
    const tieBreak = groupBy.map((g) => `, ${g}`).join("");
    lines.push(`ORDER BY ${nullsLast(valueName, direction, dialect)}${tieBreak}`);
  } else if (timeGroup) {
    lines.push(`ORDER BY ${groupBy.join(", ")}`);
  } else if (groupBy.length > 0) {
    lines.push(`ORDER BY ${nullsLast(valueName, "DESC", dialect)}, ${groupBy.join(", ")}`);
  }
  if (query.limit !== undefined) lines.push(`LIMIT ${Math.trunc(query.limit)}`);
  return { sql: lines.join("\n"), table, metric, valueColumn: valueName, columns };
}

/**
 * `value DESC NULLS LAST`. BigQuery already sorts NULLs last when descending,
 * and the guard's BigQuery grammar cannot read NULLS LAST, so there it is
 * written without it (or as `value IS NULL, value ASC`).
 */
function nullsLast(value: string, direction: "ASC" | "DESC", dialect: Dialect): string {
  if (dialect !== "bigquery") return `${value} ${direction} NULLS LAST`;
  return direction === "DESC" ? `${value} DESC` : `${value} IS NULL, ${value} ASC`;
}
