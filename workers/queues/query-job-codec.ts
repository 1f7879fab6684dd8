import { SkiffError } from "../../shared/errors.js";
import type { QueryJob, QueryJobResult } from "../../shared/jobs/query-job.js";
import type { ExecutedQuery, PlannedQuery } from "../engine/planned-query.js";

/** A planned query as job data (dates as ISO strings). */
export function toJobQuery(query: PlannedQuery): QueryJob["query"] {
  return {
    id: query.id,
    source: query.source,
    sql: query.sql,
    purpose: query.purpose,
    ...(query.window ? { window: { start: query.window.start.toISOString(), end: query.window.end.toISOString() } } : {}),
    ...(query.saveAs !== undefined ? { saveAs: query.saveAs } : {}),
  };
}

export function fromJobQuery(query: QueryJob["query"]): PlannedQuery {
  return {
    id: query.id,
    source: query.source,
    sql: query.sql,
    purpose: query.purpose,
    ...(query.window ? { window: { start: new Date(query.window.start), end: new Date(query.window.end) } } : {}),
    ...(query.saveAs !== undefined ? { saveAs: query.saveAs } : {}),
  };
}

/** An executed query as a job's return value (the error as code and message). */
export function toQueryJobResult(executed: ExecutedQuery): QueryJobResult {
  return {
    ...(executed.result ? { result: executed.result } : {}),
    ...(executed.error ? { error: { code: executed.error.code, message: executed.error.message } } : {}),
    tables: executed.tables,
    caveats: executed.caveats,
    record: executed.record,
  };
}

export function fromQueryJobResult(query: PlannedQuery, result: QueryJobResult): ExecutedQuery {
  return {
    query,
    ...(result.result ? { result: result.result } : {}),
    ...(result.error ? { error: new SkiffError(result.error.code, result.error.message) } : {}),
    tables: result.tables,
    caveats: result.caveats,
    record: result.record,
  };
}

/** A query that never reached a source (no queue for it, deadline passed, the job failed). */
export function failedQuery(query: PlannedQuery, error: SkiffError, ms = 0): ExecutedQuery {
  return {
    query,
    error,
    tables: [],
    caveats: [],
    record: { id: query.id, source: query.source, sql: query.sql, purpose: query.purpose, rows: 0, ms, truncated: false, error: error.message },
  };
}
