import pg from "pg";
import type { Source } from "../../catalog/model/source-schema.js";
import { SkiffError, isSkiffError } from "../../shared/errors.js";
import type { Cell, QueryResult } from "../../shared/query-result.js";
import { answerSelectOne } from "./answer-select-one.js";
import { createResultBudget } from "./limits/create-result-budget.js";
import { runWithDeadline } from "./limits/run-with-deadline.js";
import { oneStatementAtSource } from "./one-statement-at-source.js";
import { cancelPostgresBackend } from "./postgres/cancel-postgres-backend.js";
import { capPostgresCellsSql } from "./postgres/cap-postgres-cells-sql.js";
import { postgresCell, postgresTypeName } from "./postgres/postgres-cell.js";
import { postgresConnection } from "./postgres/postgres-connection.js";
import { postgresCredentialWarnings } from "./postgres/postgres-credential-warnings.js";
import { postgresError } from "./postgres/postgres-error.js";
import { streamPostgresRows } from "./postgres/stream-postgres-rows.js";
import { sourceBusy, sourceUnavailable } from "./source-errors.js";
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

/** Rows the first FETCH asks for; later ones are sized from the widest row seen. */
const firstBatch = 100;
const maxBatch = 5_000;
/** About how many bytes of raw text one FETCH may bring, judged by the widest row so far. */
const batchBytes = 4 * 1024 * 1024;
/** How long a statement may wait for one of the pool's connections before the source counts as busy. */
const connectTimeoutMs = 5_000;

/**
 * A {@link SourceAdapter} over PostgreSQL. Engine-side guard: each statement
 * runs in its own `READ ONLY` transaction with `statement_timeout`, wrapped in
 * a cursor sent over the extended protocol (which refuses a second statement).
 * Long values are cut by Postgres ({@link capPostgresCellsSql}); rows are
 * fetched in batches sized to stay a few MB and handed over one by one as they
 * arrive, each cell cut to the cell cap, until the row or byte cap; the
 * transaction is always rolled back. At the timeout the backend is
 * cancelled from a second connection; if it has not stopped shortly after,
 * its connection is destroyed and the call rejects, whatever the server does.
 */
export function createPostgresSource(options: PostgresSourceOptions): SourceAdapter {
  const { source } = options;
  if (source.kind !== "postgres") throw new SkiffError("CONFIG_INVALID", `source ${source.name} is kind ${source.kind}; a Postgres adapter only serves kind postgres`);
  const connection = postgresConnection(source, options.env);
  const poolSize = options.poolSize ?? 4;
  const pool = new pg.Pool({
    ...connection,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: "skiff",
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  // Nor may a checked-out one: pg-pool stops listening while a client is lent
  // out, and a server closing the socket mid-query then emits an 'error' no one
  // hears. The query in flight rejects on its own and says what happened.
  pool.on("connect", (client) => client.on("error", () => undefined));
  let closed = false;

  const query = async (sql: string, queryOptions: QueryOptions): Promise<QueryResult> => {
    const started = performance.now();
    const statement = oneStatementAtSource(sql, source.name);
    if (closed) throw new SkiffError("SOURCE_UNAVAILABLE", `source ${source.name} is closed`, { retryable: false });
    const budget = createResultBudget(queryOptions);
    let client: pg.PoolClient | undefined;
    let released = false;
    let waitingForSlot = false;
    /** Back to the pool when healthy; destroyed (and out of the pool) when given an error. */
    const release = (error?: Error) => {
      if (!client || released) return;
      released = true;
      client.release(error);
    };

    return runWithDeadline(
      {
        source: source.name,
        timeoutMs: queryOptions.timeoutMs,
        ...(queryOptions.signal ? { signal: queryOptions.signal } : {}),
        interrupt() {
          const pid = client ? backendPid(client) : undefined;
          if (pid !== undefined) void cancelPostgresBackend(connection, pid);
        },
        abandon: (reason) => release(reason),
        explain: () => (waitingForSlot && !client ? `all ${poolSize} of Skiff's connections to it were busy with earlier statements` : undefined),
      },
      async (run) => {
        waitingForSlot = pool.idleCount === 0 && pool.totalCount >= poolSize;
        let lent: pg.PoolClient;
        try {
          lent = await pool.connect();
        } catch (error) {
          if (waitingForSlot && /timeout exceeded when trying to connect/i.test(error instanceof Error ? error.message : "")) throw sourceBusy(source.name, poolSize, error);
          throw sourceUnavailable(source.name, error, "check that the database is up and the source's connection settings");
        }
        client = lent;
        if (run.abandoned()) {
          // The caller stopped waiting before a connection came free; it goes straight back.
          release();
          throw run.stopped() ?? new SkiffError("QUERY_TIMEOUT", `the query on ${source.name} was given up before it started`);
        }
        const halt = run.stopped();
        if (halt) {
          release();
          throw halt;
        }
        let healthy = false;
        try {
          await lent.query("BEGIN TRANSACTION READ ONLY");
          await lent.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(queryOptions.timeoutMs))}`);
          await lent.query("SET LOCAL TimeZone = 'UTC'");
          const declare = (text: string) => lent.query({ text: `DECLARE skiff_rows NO SCROLL CURSOR FOR ${text}`, queryMode: "extended" } as pg.QueryConfig);
          await declare(statement);
          // FETCH 0 describes the rows without running the statement.
          const fields = await streamPostgresRows(lent, "FETCH FORWARD 0 FROM skiff_rows", () => undefined);
          const capped = capPostgresCellsSql(statement, fields.map((field) => field.dataTypeID), budget.maxCellBytes);
          if (capped) {
            await lent.query("CLOSE skiff_rows");
            await declare(capped);
          }
          const rows: Cell[][] = [];
          let truncated = false;
          let widest = 0;
          while (!truncated) {
            const halt = run.stopped();
            if (halt) throw halt;
            const byWidth = widest === 0 ? firstBatch : Math.floor(batchBytes / widest);
            const want = Math.max(1, Math.min(maxBatch, byWidth, queryOptions.maxRows + 1 - rows.length));
            let received = 0;
            await streamPostgresRows(lent, `FETCH FORWARD ${want} FROM skiff_rows`, (raw) => {
              received += 1;
              let width = 0;
              for (const value of raw) width += value === null ? 1 : value.length + 1;
              widest = Math.max(widest, width);
              if (truncated) return; // the rest of this batch is read and dropped
              if (rows.length === queryOptions.maxRows) {
                truncated = true;
                return;
              }
              const row = raw.map((value, index) => budget.cell(postgresCell(value, fields[index]?.dataTypeID ?? 25)));
              if (budget.admit(row)) rows.push(row);
              else truncated = true;
            });
            if (received < want) break;
          }
          await lent.query("ROLLBACK");
          healthy = true;
          return {
            columns: fields.map((field) => ({ name: field.name, type: postgresTypeName(field.dataTypeID, pg.types.builtins) })),
            rows,
            rowCount: rows.length,
            truncated: truncated || budget.truncated,
            ms: Math.round(performance.now() - started),
          };
        } catch (error) {
          const halt = run.stopped();
          if (halt && !isSkiffError(error, "SQL_REJECTED")) throw halt;
          throw postgresError(error, source.name, queryOptions.timeoutMs);
        } finally {
          // A connection that failed mid-transaction is dropped rather than reused half-way through one.
          release(healthy ? undefined : new Error("statement did not finish cleanly"));
        }
      },
    );
  };

  return {
    name: source.name,
    kind: "postgres",
    dialect: "postgres",
    query,
    healthCheck: () => answerSelectOne(source.name, query),
    checkCredentials: () => postgresCredentialWarnings(source.name, query),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The backend's process id, from the BackendKeyData every connection receives (pg's typings leave it out). */
function backendPid(client: pg.PoolClient): number | undefined {
  const pid = (client as unknown as { processID?: unknown }).processID;
  return typeof pid === "number" ? pid : undefined;
}
