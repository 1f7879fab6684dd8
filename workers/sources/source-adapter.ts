import type { QueryResult } from "../../shared/query-result.js";
import type { SourceKind } from "../../catalog/model/index.js";
import type { Dialect } from "../sql/dialect.js";

export interface QueryOptions {
  /** The statement is cancelled after this long (engine-side where the engine supports it). */
  timeoutMs: number;
  /** Rows read before the result is cut and marked truncated. */
  maxRows: number;
  signal?: AbortSignal;
}

/**
 * One connection to one source. Adapters run statements the guard has already
 * admitted, and still run them under the engine's own read-only mode, so a
 * statement the guard wrongly admits cannot write.
 */
export interface SourceAdapter {
  readonly name: string;
  readonly kind: SourceKind;
  readonly dialect: Dialect;
  query(sql: string, options: QueryOptions): Promise<QueryResult>;
  /** Resolves when the source answers a trivial query; rejects with SOURCE_UNAVAILABLE otherwise. */
  healthCheck(): Promise<void>;
  close(): Promise<void>;
}
