import type { QueryResult } from "../../shared/query-result.js";
import type { SourceKind } from "../../catalog/model/index.js";
import type { Dialect } from "../sql/dialect.js";

export interface QueryOptions {
  /**
   * The statement is cancelled after this long (engine-side where the engine
   * supports it), and the adapter stops waiting for it soon after (at most
   * 2 s later) even when the engine ignores the cancel or never answers.
   */
  timeoutMs: number;
  /** Rows read before the result is cut and marked truncated. */
  maxRows: number;
  /**
   * Bytes one cell may carry; a longer one is cut, with a marker in the cell, and the result is marked truncated.
   * @defaultValue sourceLimitDefaults.maxCellBytes (64 KiB)
   */
  maxCellBytes?: number;
  /**
   * Bytes the whole result may carry; reading stops there and the result is marked truncated.
   * @defaultValue sourceLimitDefaults.maxResultBytes (16 MiB)
   */
  maxResultBytes?: number;
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
  /**
   * What is too powerful about the credentials the source connects with (a
   * superuser, a role that can write or create), one warning per finding,
   * each saying what to change; empty when they only read. Adapters whose
   * engine cannot be asked leave it out.
   */
  checkCredentials?(): Promise<string[]>;
  close(): Promise<void>;
}
