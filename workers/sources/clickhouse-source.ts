import { randomUUID } from "node:crypto";
import { ClickHouseLogLevel, createClient } from "@clickhouse/client";
import type { Source } from "../../catalog/model/source-schema.js";
import { sourceLimitDefaults } from "../../shared/config.js";
import { SkiffError } from "../../shared/errors.js";
import type { Cell, QueryResult } from "../../shared/query-result.js";
import { answerSelectOne } from "./answer-select-one.js";
import { clickHouseCell } from "./clickhouse/clickhouse-cell.js";
import { clickHouseConnection } from "./clickhouse/clickhouse-connection.js";
import { clickHouseCredentialWarnings } from "./clickhouse/clickhouse-credential-warnings.js";
import { clickHouseError } from "./clickhouse/clickhouse-error.js";
import { clickHouseLimitSettings } from "./clickhouse/clickhouse-limit-settings.js";
import { clickHouseReadonlyLevel } from "./clickhouse/clickhouse-readonly-level.js";
import { parseTsvRow } from "./clickhouse/parse-tsv-row.js";
import { refuseSettingsClause } from "./clickhouse/refuse-settings-clause.js";
import { requireQueryStart } from "./clickhouse/require-query-start.js";
import { createResultBudget } from "./limits/create-result-budget.js";
import { runWithDeadline } from "./limits/run-with-deadline.js";
import { oneStatementAtSource } from "./one-statement-at-source.js";
import type { QueryOptions, SourceAdapter } from "./source-adapter.js";

export interface ClickHouseSourceOptions {
  /** The catalog entry (kind `clickhouse`). */
  source: Source;
  env: Readonly<Record<string, string>>;
  /**
   * Memory one statement may use on the server (`max_memory_usage`).
   * @defaultValue sourceLimitDefaults.maxQueryMemoryBytes (1 GiB)
   */
  maxQueryMemoryBytes?: number;
}

/** The server's max_execution_time counts whole seconds, so it may stop a statement up to a second after the timeout. */
const serverLateMs = 1_000;
/** How long a KILL QUERY may take: against a server that does not answer it must not hold a connection for long. */
const killTimeoutMs = 2_000;
/** A server exception written into a result that was already streaming (ClickHouse 18.16 appends its text). */
const exceptionLine = /^Code: \d+, e\.displayText\(\) = /;

/**
 * A {@link SourceAdapter} over ClickHouse's HTTP interface. Engine-side guard:
 * only statements starting with SELECT or WITH, and without a SETTINGS clause,
 * are sent, under `readonly=1` (no writes, no settings changes from the
 * statement), `max_execution_time`, `max_result_rows` with overflow mode
 * `break`, a per-query memory cap and the result byte cap
 * ({@link clickHouseLimitSettings}). Rows stream as
 * TabSeparatedWithNamesAndTypes, which every ClickHouse since 1.1 speaks
 * (18.16 lacks the newer JSON formats), and are read one by one, each cell cut
 * to the cell cap, until the row or byte cap, when the request is closed. At
 * the deadline the request is aborted and the server told to KILL the query,
 * and the call rejects whatever the server does.
 */
export function createClickHouseSource(options: ClickHouseSourceOptions): SourceAdapter {
  const { source } = options;
  if (source.kind !== "clickhouse") throw new SkiffError("CONFIG_INVALID", `source ${source.name} is kind ${source.kind}; a ClickHouse adapter only serves kind clickhouse`);
  const connection = clickHouseConnection(source, options.env);
  const client = createClient({
    ...connection,
    application: "skiff",
    max_open_connections: 8,
    log: { level: ClickHouseLogLevel.OFF },
  });
  const maxQueryMemoryBytes = options.maxQueryMemoryBytes ?? sourceLimitDefaults.maxQueryMemoryBytes;
  let readonlyLevel: Promise<0 | 1 | 2> | undefined;
  /** Read once, on the first statement; a failed read is tried again by the next one. */
  const levelOf = () => {
    readonlyLevel ??= clickHouseReadonlyLevel(client, AbortSignal.timeout(10_000)).catch((error: unknown) => {
      readonlyLevel = undefined;
      throw error;
    });
    return readonlyLevel;
  };
  let closed = false;

  const query = async (sql: string, queryOptions: QueryOptions): Promise<QueryResult> => {
    const started = performance.now();
    const statement = oneStatementAtSource(sql, source.name);
    requireQueryStart(statement, source.name);
    refuseSettingsClause(statement, source.name);
    if (closed) throw new SkiffError("SOURCE_UNAVAILABLE", `source ${source.name} is closed`, { retryable: false });
    const budget = createResultBudget(queryOptions);
    const controller = new AbortController();
    const queryId = randomUUID();
    const kill = (reason: SkiffError) => {
      controller.abort(reason);
      // Closing the HTTP request does not stop every query (a CROSS JOIN in 18.16
      // ignores max_execution_time while it builds), so the server is told to.
      client.command({ query: `KILL QUERY WHERE query_id = '${queryId}' ASYNC`, abort_signal: AbortSignal.timeout(killTimeoutMs) }).catch(() => undefined);
    };

    return runWithDeadline(
      {
        source: source.name,
        timeoutMs: queryOptions.timeoutMs,
        ...(queryOptions.signal ? { signal: queryOptions.signal } : {}),
        // The server stops itself at max_execution_time; the adapter's own stop is for a server that does not.
        interruptAfterMs: serverLateMs,
        graceMs: 2_000,
        interrupt: kill,
        abandon: kill,
      },
      async (run) => {
        try {
          const settings = clickHouseLimitSettings({
            timeoutMs: queryOptions.timeoutMs,
            maxRows: queryOptions.maxRows,
            maxResultBytes: budget.maxResultBytes,
            maxQueryMemoryBytes,
            readonlyLevel: await levelOf(),
          });
          const resultSet = await client.query({ query: statement, format: "TabSeparatedWithNamesAndTypes", clickhouse_settings: settings, abort_signal: controller.signal, query_id: queryId });
          let names: string[] = [];
          let types: string[] = [];
          const rows: Cell[][] = [];
          let truncated = false;
          let line = 0;
          try {
            read: for await (const chunk of resultSet.stream()) {
              for (const row of chunk as Array<{ text: string }>) {
                line += 1;
                if (line === 1) names = parseTsvRow(row.text).map((name) => name ?? "");
                else if (line === 2) types = parseTsvRow(row.text).map((type) => type ?? "String");
                else {
                  if (names.length <= 1 || !row.text.includes("\t")) {
                    if (exceptionLine.test(row.text)) throw new Error(row.text);
                  }
                  if (rows.length === queryOptions.maxRows) {
                    truncated = true;
                    break read;
                  }
                  const cells = parseTsvRow(row.text).map((value, index) => budget.cell(clickHouseCell(value, types[index] ?? "String")));
                  if (!budget.admit(cells)) {
                    truncated = true;
                    break read;
                  }
                  rows.push(cells);
                }
              }
            }
          } finally {
            // Stops the transfer: the server stops writing once no one reads.
            resultSet.close();
          }
          const halt = run.stopped();
          if (halt) throw halt;
          return {
            columns: names.map((name, index) => ({ name, type: types[index] ?? "String" })),
            rows,
            rowCount: rows.length,
            truncated: truncated || budget.truncated,
            ms: Math.round(performance.now() - started),
          };
        } catch (error) {
          const halt = run.stopped();
          if (halt) throw halt;
          throw clickHouseError(error, source.name, queryOptions.timeoutMs, maxQueryMemoryBytes);
        }
      },
    );
  };

  return {
    name: source.name,
    kind: "clickhouse",
    dialect: "clickhouse",
    query,
    healthCheck: () => answerSelectOne(source.name, query),
    checkCredentials: async () => clickHouseCredentialWarnings(source.name, connection.username ?? "default", await levelOf()),
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
