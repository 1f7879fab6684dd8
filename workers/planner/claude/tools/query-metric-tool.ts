import { isRatioMetric } from "../../../../catalog/model/metric-schema.js";
import { isSkiffError } from "../../../../shared/errors.js";
import type { TimeWindow } from "../../../engine/planned-query.js";
import { compileMetricQuery } from "../../../sql/compile-metric-query.js";
import type { MetricFilter, MetricGroupBy, MetricQuery } from "../../../sql/metric-query.js";
import { timeGrains, type TimeGrain } from "../../../sql/time-grain.js";
import { previousPeriodOf } from "../previous-period-of.js";
import { readTimeRange } from "../read-time-range.js";
import type { QueryMetricInput } from "../tool-input-schemas.js";
import type { ToolContext, ToolOutcome } from "../tool-context.js";
import { finishExecuted } from "./finish-executed.js";

const isGrain = (name: string): name is TimeGrain => (timeGrains as readonly string[]).includes(name);

/** `query_metric`: a catalog metric compiled by the semantic layer (sampling-correct), run like any statement. */
export async function queryMetricTool(input: QueryMetricInput, ctx: ToolContext): Promise<ToolOutcome> {
  const { catalog, runner } = ctx;
  const metric = catalog.metrics.get(input.metric);
  if (!metric) return { isError: true, content: `no metric named "${input.metric}"; metrics: ${[...catalog.metrics.keys()].join(", ")}` };
  let window: TimeWindow | undefined;
  let compare: TimeWindow | undefined;
  let label = "all time";
  if (input.time_range !== undefined) {
    const read = readTimeRange(input.time_range, runner.asOf);
    if ("error" in read) return { isError: true, content: read.error };
    window = read.window;
    label = read.label;
    compare = read.compare ?? (input.compare_previous ? previousPeriodOf(read.window) : undefined);
  } else if (input.compare_previous) {
    return { isError: true, content: "compare_previous needs a time_range to compare against" };
  }
  const groupBy: MetricGroupBy[] = (input.group_by ?? []).map((name) => (isGrain(name) ? { kind: "time", grain: name } : { kind: "attribute", name }));
  const filters: MetricFilter[] = (input.filters ?? []).map((f) => ("segment" in f ? { kind: "segment", name: f.segment } : { kind: "equals", column: f.column, values: f.values }));
  const query: MetricQuery = {
    metric: metric.name,
    groupBy,
    filters,
    ...(window ? { window } : {}),
    ...(compare ? { compare } : {}),
    ...(input.order ? { order: input.order } : {}),
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
  };
  const base = isRatioMetric(metric) ? catalog.metrics.get(metric.numerator) : metric;
  const table = base && !isRatioMetric(base) ? catalog.tables.get(base.table) : undefined;
  if (!table) return { isError: true, content: `metric "${metric.name}" has no table in this catalog` };
  let sql: string;
  try {
    sql = compileMetricQuery(catalog, query, runner.dialectOf(table.source)).sql;
  } catch (error) {
    if (isSkiffError(error)) return { isError: true, content: `${error.message}. describe ${metric.name} lists what it can be grouped and filtered by.` };
    throw error;
  }
  const span = compare && window ? { start: compare.start < window.start ? compare.start : window.start, end: window.end } : window;
  const groups = groupBy.map((g) => (g.kind === "time" ? g.grain : g.name));
  const [executed] = await runner.run([
    {
      id: runner.nextId(),
      source: table.source,
      sql,
      purpose: `${metric.label ?? metric.name}${groups.length > 0 ? ` by ${groups.join(", ")}` : ""}, ${label}`,
      ...(span ? { window: span } : {}),
      ...(input.save_as ? { saveAs: input.save_as } : {}),
    },
  ]);
  if (!executed) return { isError: true, content: "the engine returned nothing for this metric" };
  const outcome = await finishExecuted(ctx, executed, input.save_as);
  return outcome.isError ? outcome : { content: `${outcome.content}\nsql:\n${sql}` };
}
