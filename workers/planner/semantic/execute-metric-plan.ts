import pluralize from "pluralize";
import type { Metric } from "../../../catalog/model/metric-schema.js";
import type { Cell } from "../../../shared/query-result.js";
import type { RunResult } from "../../../shared/run-record.js";
import type { ExecutedQuery, TimeWindow } from "../../engine/planned-query.js";
import { compileMetricQuery, type CompiledMetricQuery } from "../../sql/compile-metric-query.js";
import type { QueryRunner } from "../query-runner.js";
import type { PlannerOutcome } from "../planner.js";
import { attachLabels } from "./attach-labels.js";
import { fillTimeBuckets } from "./fill-time-buckets.js";
import { formatChange, formatValue } from "./format-value.js";
import { requireResult } from "./require-result.js";
import { metricOf, tableOfMetric } from "./metric-words.js";
import type { MetricPlan } from "./semantic-plan.js";

const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function span(windows: Array<TimeWindow | undefined>): TimeWindow | undefined {
  const present = windows.filter((w): w is TimeWindow => w !== undefined);
  if (present.length === 0) return undefined;
  return {
    start: new Date(Math.min(...present.map((w) => w.start.getTime()))),
    end: new Date(Math.max(...present.map((w) => w.end.getTime()))),
  };
}

function unitOf(metric: Metric, plan: MetricPlan) {
  return plan.query.shareOf ? ("percent" as const) : metric.unit;
}

function withChange(result: RunResult, metricName: string): RunResult {
  const current = result.columns.indexOf(metricName);
  const previous = result.columns.indexOf(`previous_${metricName}`);
  const rows = result.rows.map((row) => {
    const now = Number(row[current] ?? 0);
    const before = Number(row[previous] ?? 0);
    const pct: Cell = before === 0 ? null : Math.round(((now - before) / Math.abs(before)) * 10_000) / 100;
    return [...row, Math.round((now - before) * 100) / 100, pct];
  });
  return { columns: [...result.columns, "change", "change_pct"], rows };
}

function describe(plan: MetricPlan, compiled: CompiledMetricQuery, result: RunResult, unit: ReturnType<typeof unitOf>): string {
  const { words, query } = plan;
  const filters = words.filters.length > 0 ? ` (${words.filters.join(", ")})` : "";
  const when = words.window ? ` ${words.window}` : "";
  const metricIndex = result.columns.indexOf(compiled.valueColumn);
  const groups = compiled.columns.filter((c) => c.role === "group" || c.role === "time").map((c) => c.name);
  if (groups.length === 0) {
    const value = result.rows[0]?.[metricIndex] ?? null;
    const head = words.share
      ? `${formatValue(value, unit)} of ${words.metric}${filters}${when} were ${words.share}.`
      : `${formatValue(value, unit)} ${words.metric}${filters}${when}.`;
    if (!query.compare) return head;
    const previous = result.rows[0]?.[result.columns.indexOf(`previous_${compiled.valueColumn}`)] ?? null;
    return `${head} Previous period: ${formatValue(previous, unit)} (${formatChange(Number(value ?? 0), Number(previous ?? 0))}).`;
  }
  if (result.rows.length === 0) return `No ${words.metric}${filters}${when}.`;
  const labelIndex = result.columns.findIndex((c, i) => i !== metricIndex && !groups.includes(c) && !c.startsWith("previous_") && !c.startsWith("change"));
  const name = (row: Cell[]) => String(row[labelIndex >= 0 ? labelIndex : result.columns.indexOf(groups[0]!)] ?? "unknown");
  const by = groups.map((g) => g.replaceAll("_", " ")).join(" and ");
  if (query.groupBy.some((g) => g.kind === "time")) {
    const values = result.rows.map((row) => Number(row[metricIndex] ?? 0));
    const total = unit === "percent" ? undefined : values.reduce((a, b) => a + b, 0);
    const peak = result.rows.reduce((best, row) => (Number(row[metricIndex] ?? 0) > Number(best[metricIndex] ?? 0) ? row : best), result.rows[0]!);
    const peakWhen = String(peak[result.columns.indexOf(groups[0]!)] ?? "").replace(/T00:00:00\.000Z$/, "").replace(/:00\.000Z$/, " UTC").replace("T", " ");
    const summary = total === undefined ? "" : `${formatValue(total, unit)} in all`;
    const most = result.rows.length > 1 ? `, most on ${peakWhen} (${formatValue(peak[metricIndex] ?? null, unit)})` : "";
    return `${capitalize(words.metric)}${filters}${when}, by ${by}: ${summary}${most}.`;
  }
  const leaders = result.rows.slice(0, 3).map((row) => {
    const change = query.compare ? ` ${formatChange(Number(row[metricIndex] ?? 0), Number(row[result.columns.indexOf(`previous_${compiled.valueColumn}`)] ?? 0))}` : "";
    return `${name(row)} ${formatValue(row[metricIndex] ?? null, unit)}${change}`;
  });
  const noun = pluralize(words.group ?? by);
  const heading = query.limit !== undefined ? `${query.order === "asc" ? "Bottom" : "Top"} ${result.rows.length} ${noun} by ${words.metric}` : `${capitalize(words.metric)} by ${by}`;
  const versus = query.compare ? ", against the previous period" : "";
  return `${heading}${filters}${when}${versus}: ${leaders.join(", ")}${result.rows.length > 3 ? ", …" : ""}.`;
}

/** Runs a metric plan: one compiled query, labels for entity ids from the entity's home table, then words. */
export async function executeMetricPlan(plan: MetricPlan, runner: QueryRunner): Promise<PlannerOutcome> {
  const { catalog } = runner;
  const compiled = compileMetricQuery(catalog, plan.query, runner.dialectOf(tableOfMetric(catalog, metricOf(catalog, plan.query.metric)).source));
  const window = span([plan.query.window, plan.query.compare]);
  const [executed] = (await runner.run([
    { id: runner.nextId(), source: compiled.table.source, sql: compiled.sql, purpose: purposeOf(plan), ...(window ? { window } : {}) },
  ])) as [ExecutedQuery];
  let result = requireResult(executed);
  const entityColumn = compiled.columns.find((c) => c.entity !== undefined);
  if (entityColumn?.entity) result = await attachLabels({ runner, executed, result, column: entityColumn.name, entity: entityColumn.entity, order: plan.query.order ?? "desc", metric: compiled.valueColumn });
  const timeGroup = plan.query.groupBy.find((g) => g.kind === "time");
  if (timeGroup?.kind === "time" && plan.query.window && plan.query.groupBy.length === 1) {
    result = fillTimeBuckets(result, timeGroup.grain, plan.query.window, compiled.valueColumn);
  }
  if (plan.query.compare) result = withChange(result, compiled.valueColumn);
  const unit = unitOf(compiled.metric, plan);
  return { answer: describe(plan, compiled, result, unit), result, assumptions: plan.assumptions, plan };
}

function purposeOf(plan: MetricPlan): string {
  const groups = plan.query.groupBy.map((g) => (g.kind === "time" ? g.grain : g.name));
  const parts = [plan.words.share ? `share of ${plan.words.metric} that were ${plan.words.share}` : plan.words.metric];
  if (groups.length > 0) parts.push(`by ${groups.join(", ")}`);
  if (plan.words.filters.length > 0) parts.push(`where ${plan.words.filters.join(", ")}`);
  if (plan.words.window) parts.push(plan.words.window);
  if (plan.query.compare) parts.push("and the previous period");
  return parts.join(" ");
}
