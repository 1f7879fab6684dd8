import pg from "pg";
import type { Source } from "../../catalog/model/source-schema.js";
import { SkiffError, isSkiffError } from "../../shared/errors.js";
import type { Cell, QueryResult } from "../../shared/query-result.js";
import { oneStatementAtSource } from "./one-statement-at-source.js";
import { postgresCell, postgresTypeName } from "./postgres/postgres-cell.js";
import { postgresConnection } from "./postgres/postgres-connection.js";
import { postgresError } from "./postgres/postgres-error.js";
import { queryCancelled, queryTimedOut, sourceUnavailable } from "./source-errors.js";
import { answerSelectOne } from "./answer-select-one.js";
import type { QueryOptions, SourceAdapter } from "./source-adapter.js";

export interface PostgresSourceOptions {
  /** The catalog entry (kind `postgres`). */
  source: Source;
  env: Readonly<Record<string, string>>;
  /**
   * Connections one source holds open.
   * @defaultValue 4
   */
  poolSize?: number;
}

/** Every value arrives as Postgres' text; {@link postgresCell} turns it into a cell by type. */
const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;
const fetchBatch = 5_000;

/**
 * A {@link SourceAdapter} over PostgreSQL. Engine-side guard: each statement
 * runs in its own `READ ONLY` transaction with `statement_timeout`, wrapped in
 * a cursor sent over the extended protocol (which refuses a second statement),
 * and rows are fetched in batches up to the row cap; the transaction is always
 * rolled back.
 */
export function createPostgresSource(options: PostgresSourceOptions): SourceAdapter {
  const { source } = options;
  if (source.kind !== "postgres") throw new SkiffError("CONFIG_INVALID", `source ${source.name} is kind ${source.kind}; a Postgres adapter only serves kind postgres`);
  const pool = new pg.Pool({
    ...postgresConnection(source, options.env),
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: "skiff",
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  let closed = false;

  const query = async (sql: string, queryOptions: QueryOptions): Promise<QueryResult> => {
    const started = performance.now();
    const statement = oneStatementAtSource(sql, source.name);
    if (closed) throw new SkiffError("SOURCE_UNAVAILABLE", `source ${source.name} is closed`, { retryable: false });
    if (queryOptions.signal?.aborted) throw queryCancelled(source.name, queryOptions.signal);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw sourceUnavailable(source.name, error, "check that the database is up and the source's connection settings");
    }
    let stopped: SkiffError | undefined;
    let pid: number | undefined;
    const stop = (error: SkiffError) => {
      stopped ??= error;
      if (pid !== undefined) void cancelBackend(pool, pid);
    };
    const timer = setTimeout(() => stop(queryTimedOut(source.name, queryOptions.timeoutMs)), queryOptions.timeoutMs);
    const onAbort = () => stop(queryCancelled(source.name, queryOptions.signal));
    queryOptions.signal?.addEventListener("abort", onAbort, { once: true });
    let healthy = false;
    try {
      const begun = await client.query<{ pid: number }>(
        "BEGIN TRANSACTION READ ONLY; SELECT pg_backend_pid() AS pid",
      ) as unknown as Array<pg.QueryResult<{ pid: number }>>;
      pid = begun[1]?.rows[0]?.pid;
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(queryOptions.timeoutMs))}`);
      await client.query("SET LOCAL TimeZone = 'UTC'");
      await client.query({ text: `DECLARE skiff_rows NO SCROLL CURSOR FOR ${statement}`, queryMode: "extended" } as pg.QueryConfig);
      const rows: Cell[][] = [];
      let columns: { name: string; oid: number }[] = [];
      let truncated = false;
      for (;;) {
        if (stopped) throw stopped;
        const want = Math.min(fetchBatch, queryOptions.maxRows + 1 - rows.length);
        const batch = await client.query<unknown[]>({ text: `FETCH FORWARD ${want} FROM skiff_rows`, rowMode: "array", types: rawText });
        columns = batch.fields.map((field) => ({ name: field.name, oid: field.dataTypeID }));
        for (const row of batch.rows) rows.push(row.map((value, index) => postgresCell(value as string | null, columns[index]?.oid ?? 25)));
        if (rows.length > queryOptions.maxRows) {
          rows.length = queryOptions.maxRows;
          truncated = true;
          break;
        }
        if (batch.rows.length < want) break;
      }
      await client.query("ROLLBACK");
      healthy = true;
      return {
        columns: columns.map((column) => ({ name: column.name, type: postgresTypeName(column.oid, pg.types.builtins) })),
        rows,
        rowCount: rows.length,
        truncated,
        ms: Math.round(performance.now() - started),
      };
    } catch (error) {
      if (stopped && !isSkiffError(error, "SQL_REJECTED")) throw stopped;
      throw postgresError(error, source.name, queryOptions.timeoutMs);
    } finally {
      clearTimeout(timer);
      queryOptions.signal?.removeEventListener("abort", onAbort);
      // A connection that failed mid-transaction is dropped rather than reused half-way through one.
      client.release(healthy ? undefined : true);
    }
  };

  return {
    name: source.name,
    kind: "postgres",
    dialect: "postgres",
    query,
    healthCheck: () => answerSelectOne(source.name, query),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Stops a running statement from a second connection; best effort, since the statement timeout stops it anyway. */
async function cancelBackend(pool: pg.Pool, pid: number): Promise<void> {
  try {
    await pool.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The pool may be busy or the server gone; statement_timeout still ends the statement.
  }
}
