import type { TimeWindow } from "../engine/planned-query.js";
import type { TimeGrain } from "./time-grain.js";

export type MetricGroupBy = { kind: "attribute"; name: string } | { kind: "time"; grain: TimeGrain };

export type MetricFilter =
  /** column IN (values) on the metric's table; values are literals, never SQL. */
  | { kind: "equals"; column: string; values: Array<string | number> }
  /** A catalog segment on the metric's table. */
  | { kind: "segment"; name: string };

/** A question about one metric, in catalog terms: what the compiler turns into SQL for a dialect. */
export interface MetricQuery {
  metric: string;
  groupBy: MetricGroupBy[];
  filters: MetricFilter[];
  window?: TimeWindow;
  /** A second window (usually the previous period); adds a `previous_<metric>` column. */
  compare?: TimeWindow;
  /** Only rows whose metric share of the whole is wanted: numerator filter for "share of X that were Y". */
  shareOf?: MetricFilter;
  order?: "desc" | "asc";
  limit?: number;
}
