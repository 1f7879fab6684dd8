import type { TimeWindow } from "../../engine/planned-query.js";
import type { MetricFilter, MetricQuery } from "../../sql/metric-query.js";

/** One metric, grouped, filtered and ranked: "top 10 countries by requests in the last 7 days". */
export interface MetricPlan {
  kind: "metric";
  query: MetricQuery;
  /** Words for the answer. */
  words: {
    metric: string;
    /** What the rows are, in the asker's words ("countries", "accounts"). */
    group?: string;
    window?: string;
    share?: string;
    filters: string[];
  };
  assumptions: string[];
}

/**
 * Members of one entity set that rank in another: "how many domains that signed
 * up today are in the top 100 by traffic?" Each side may live on a different source.
 */
export interface IntersectionPlan {
  kind: "intersection";
  entity: string;
  /** The noun the asker used ("domains"). */
  noun: string;
  members: {
    /** The event metric whose table is the entity's home ("new_zones"). */
    metric: string;
    event: string;
    window?: TimeWindow;
    windowWords?: string;
    filters: MetricFilter[];
  };
  ranking: {
    metric: string;
    limit: number;
    order: "desc" | "asc";
    window?: TimeWindow;
    windowWords?: string;
  };
  /** "which …" lists members; "how many …" counts them (the table lists them either way). */
  wantsList: boolean;
  assumptions: string[];
}

export type SemanticPlan = MetricPlan | IntersectionPlan;
