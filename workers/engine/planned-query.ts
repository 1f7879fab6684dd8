import type { Caveat } from "../../shared/caveat.js";
import type { QueryResult } from "../../shared/query-result.js";
import type { RunQuery } from "../../shared/run-record.js";
import type { SkiffError } from "../../shared/errors.js";

/** The stretch of time a query is about, for retention and staleness checks. End is exclusive. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** A statement a planner wants run. The engine guards it before anything executes. */
export interface PlannedQuery {
  /** Stable within the run: `q1`, `q2`, ... */
  id: string;
  source: string;
  sql: string;
  /** Why it runs, in words ("top 100 zones by requests today"). */
  purpose: string;
  /** What the question asked about, when it asked about a time range; checked against each table's retention and freshness. */
  window?: TimeWindow;
  /** Keep the full result in the run's scratch database under this name (for `combine`). */
  saveAs?: string;
}

/** What running one {@link PlannedQuery} produced. A failed query has `error` and no `result`. */
export interface ExecutedQuery {
  query: PlannedQuery;
  result?: QueryResult;
  error?: SkiffError;
  /** Catalog table ids the statement read (from the guard). */
  tables: string[];
  caveats: Caveat[];
  record: RunQuery;
}
