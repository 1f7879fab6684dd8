import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBResult } from "@duckdb/node-api";
import { SkiffError, isSkiffError } from "../../../shared/errors.js";
import type { Cell, QueryResult, ResultColumn } from "../../../shared/query-result.js";
import { scanSql, type SqlReading } from "../../engine/guard/scan-sql.js";
import { createResultBudget, type ResultBudget } from "../limits/create-result-budget.js";
import { memoryLimitExceeded } from "../source-errors.js";
import type { QueryOptions } from "../source-adapter.js";
import { capDuckDbCellsSql } from "./cap-duckdb-cells-sql.js";
import { duckDbCell } from "./duckdb-cell.js";

export interface ReadDuckDbOptions extends QueryOptions {
  /** Names where the statement ran, for errors and logs (`analytics`, `scratch`). */
  source: string;
}

/** How DuckDB reads quotes and comments (Postgres' grammar): for finding the one statement's text. */
const duckDbReading: SqlReading = { backslashEscapes: false, nestedComments: true, dollarQuotes: true, hashComments: false, tripleQuotes: false };

/**
 * Runs one statement on a connection of its own and reads at most
 * `maxRows + 1` rows from a streaming result, chunk by chunk, so a huge result
 * is never materialised; the extra row tells "exactly maxRows" from "cut".
 * Long values are cut by DuckDB itself ({@link capDuckDbCellsSql}) and then to
 * the cell cap here; reading stops at the result's byte cap. The connection is
 * interrupted when the timeout or the signal fires.
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
    const budget = createResultBudget(options);
    const { result, columns } = await stream(connection, sql, options.source, budget.maxCellBytes);
    const { rows, truncated } = await readRows(result, options.maxRows, budget, () => stopped);
    return {
      columns,
      rows,
      rowCount: rows.length,
      truncated: truncated || budget.truncated,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (stopped) throw stopped;
    if (isSkiffError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/^Out of Memory Error/i.test(message)) throw memoryLimitExceeded(options.source, error, "the DuckDB memory_limit, SKIFF_DUCKDB_MEMORY_LIMIT");
    // DuckDB's own words go back verbatim: the agent repairs its SQL from them.
    throw new SkiffError("SQL_FAILED", message, { cause: error, detail: { source: options.source } });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

interface Streamed {
  result: DuckDBResult;
  /** Names and types as the statement itself has them (the wrapper's are all text). */
  columns: ResultColumn[];
}

async function stream(connection: DuckDBConnection, sql: string, source: string, maxCellBytes: number): Promise<Streamed> {
  // connection.stream() would run every statement but the last; extracting first
  // lets the engine itself refuse a batch, whatever the guard admitted.
  const extracted = await connection.extractStatements(sql);
  const statements = scanSql(sql, duckDbReading)?.statements;
  if (extracted.count !== 1 || statements?.length !== 1) {
    throw new SkiffError("SQL_REJECTED", `rejected (one-statement): ${source} received ${extracted.count} statements; send exactly one`, {
      detail: { rule: "one-statement", source },
    });
  }
  const prepared = await extracted.prepare(0);
  const prepareds: DuckDBPreparedStatement[] = [prepared];
  try {
    const count = prepared.columnCount;
    const columns = Array.from({ length: count }, (_, index) => ({ name: prepared.columnName(index), type: prepared.columnType(index).toString() }));
    const capped =
      prepared.statementType === StatementType.SELECT
        ? capDuckDbCellsSql(statements[0] as string, columns.map((_, index) => prepared.columnTypeId(index)), maxCellBytes)
        : undefined;
    if (capped) {
      // A few SELECT-like statements (PRAGMA) cannot be nested; they run as they are, cut by the reader alone.
      const wrapped = await connection.prepare(capped).catch(() => undefined);
      if (wrapped) {
        prepareds.push(wrapped);
        return { result: await wrapped.stream(), columns };
      }
    }
    return { result: await prepared.stream(), columns };
  } finally {
    for (const statement of prepareds) statement.destroySync();
  }
}

async function readRows(
  result: DuckDBResult,
  maxRows: number,
  budget: ResultBudget,
  stopped: () => SkiffError | undefined,
): Promise<{ rows: Cell[][]; truncated: boolean }> {
  const rows: Cell[][] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    const halt = stopped();
    if (halt) throw halt;
    if (!chunk || chunk.rowCount === 0) return { rows, truncated: false };
    // Cell by cell rather than chunk.getRows(): a chunk's rows are only ever held cut.
    const vectors = Array.from({ length: chunk.columnCount }, (_, index) => chunk.getColumnVector(index));
    for (let r = 0; r < chunk.rowCount; r += 1) {
      if (rows.length === maxRows) return { rows, truncated: true };
      const row = vectors.map((vector) => budget.cell(duckDbCell(vector.getItem(r))));
      if (!budget.admit(row)) return { rows, truncated: true };
      rows.push(row);
    }
  }
}

function abortReason(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "the run was cancelled";
}
