import type { DuckDBConnection, DuckDBResult } from "@duckdb/node-api";
import { SkiffError, isSkiffError } from "../../../shared/errors.js";
import type { Cell, QueryResult } from "../../../shared/query-result.js";
import type { QueryOptions } from "../source-adapter.js";
import { duckDbCell } from "./duckdb-cell.js";

export interface ReadDuckDbOptions extends QueryOptions {
  /** Names where the statement ran, for errors and logs (`analytics`, `scratch`). */
  source: string;
}

/**
 * Runs one statement on a connection of its own and reads at most
 * `maxRows + 1` rows from a streaming result, chunk by chunk, so a huge result
 * is never materialised; the extra row tells "exactly maxRows" from "cut".
 * The connection is interrupted when the timeout or the signal fires.
 */
export async function readDuckDbResult(connection: DuckDBConnection, sql: string, options: ReadDuckDbOptions): Promise<QueryResult> {
  const started = performance.now();
  let stopped: SkiffError | undefined;
  const stop = (error: SkiffError) => {
    stopped ??= error;
    connection.interrupt();
  };
  const timer = setTimeout(() => {
    stop(
      new SkiffError(
        "QUERY_TIMEOUT",
        `the query on ${options.source} ran longer than ${options.timeoutMs} ms and was stopped; narrow it (a shorter time range, fewer groups) or pre-aggregate`,
        { detail: { source: options.source, timeoutMs: options.timeoutMs } },
      ),
    );
  }, options.timeoutMs);
  const onAbort = () => stop(new SkiffError("QUERY_TIMEOUT", `the query on ${options.source} was cancelled: ${abortReason(options.signal)}`, { detail: { source: options.source } }));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (options.signal?.aborted) onAbort();
    if (stopped) throw stopped;
    const result = await stream(connection, sql, options.source);
    const { rows, truncated } = await readRows(result, options.maxRows, () => stopped);
    return {
      columns: result.columnNames().map((name, index) => ({ name, type: result.columnType(index).toString() })),
      rows,
      rowCount: rows.length,
      truncated,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (stopped) throw stopped;
    if (isSkiffError(error)) throw error;
    // DuckDB's own words go back verbatim: the agent repairs its SQL from them.
    throw new SkiffError("SQL_FAILED", error instanceof Error ? error.message : String(error), { cause: error, detail: { source: options.source } });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

async function stream(connection: DuckDBConnection, sql: string, source: string): Promise<DuckDBResult> {
  // connection.stream() would run every statement but the last; extracting first
  // lets the engine itself refuse a batch, whatever the guard admitted.
  const extracted = await connection.extractStatements(sql);
  if (extracted.count !== 1) {
    throw new SkiffError("SQL_REJECTED", `rejected (one-statement): ${source} received ${extracted.count} statements; send exactly one`, {
      detail: { rule: "one-statement", source },
    });
  }
  const prepared = await extracted.prepare(0);
  try {
    return await prepared.stream();
  } finally {
    prepared.destroySync();
  }
}

async function readRows(result: DuckDBResult, maxRows: number, stopped: () => SkiffError | undefined): Promise<{ rows: Cell[][]; truncated: boolean }> {
  const rows: Cell[][] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    const halt = stopped();
    if (halt) throw halt;
    if (!chunk || chunk.rowCount === 0) return { rows, truncated: false };
    for (const row of chunk.getRows()) {
      if (rows.length === maxRows) return { rows, truncated: true };
      rows.push(row.map(duckDbCell));
    }
  }
}

function abortReason(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "the run was cancelled";
}
