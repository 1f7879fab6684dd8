import { randomUUID } from "node:crypto";
import { ClickHouseLogLevel, createClient, type ClickHouseSettings } from "@clickhouse/client";
import type { Source } from "../../catalog/model/source-schema.js";
import { SkiffError } from "../../shared/errors.js";
import type { Cell, QueryResult } from "../../shared/query-result.js";
import { clickHouseCell } from "./clickhouse/clickhouse-cell.js";
import { clickHouseConnection } from "./clickhouse/clickhouse-connection.js";
import { clickHouseError } from "./clickhouse/clickhouse-error.js";
import { parseTsvRow } from "./clickhouse/parse-tsv-row.js";
import { requireQueryStart } from "./clickhouse/require-query-start.js";
import { oneStatementAtSource } from "./one-statement-at-source.js";
import { queryCancelled, queryTimedOut } from "./source-errors.js";
import { answerSelectOne } from "./answer-select-one.js";
import type { QueryOptions, SourceAdapter } from "./source-adapter.js";

export interface ClickHouseSourceOptions {
  /** The catalog entry (kind `clickhouse`). */
  source: Source;
  env: Readonly<Record<string, string>>;
}

/**
 * A {@link SourceAdapter} over ClickHouse's HTTP interface. Engine-side guard:
 * only statements starting with SELECT or WITH are sent, under `readonly=1` (no
 * writes, no settings changes from the statement),
 * `max_execution_time`, and `max_result_rows` with overflow mode `break`, so the
 * server stops at the row cap. Rows stream as TabSeparatedWithNamesAndTypes,
 * which every ClickHouse since 1.1 speaks (18.16 lacks the newer JSON formats);
 * `wait_end_of_query` makes a failure mid-result an HTTP error instead of text
 * appended to the rows.
 */
export function createClickHouseSource(options: ClickHouseSourceOptions): SourceAdapter {
  const { source } = options;
  if (source.kind !== "clickhouse") throw new SkiffError("CONFIG_INVALID", `source ${source.name} is kind ${source.kind}; a ClickHouse adapter only serves kind clickhouse`);
  const client = createClient({
    ...clickHouseConnection(source, options.env),
    application: "skiff",
    max_open_connections: 8,
    log: { level: ClickHouseLogLevel.OFF },
  });
  let closed = false;

  const query = async (sql: string, queryOptions: QueryOptions): Promise<QueryResult> => {
    const started = performance.now();
    const statement = oneStatementAtSource(sql, source.name);
    requireQueryStart(statement, source.name);
    if (closed) throw new SkiffError("SOURCE_UNAVAILABLE", `source ${source.name} is closed`, { retryable: false });
    if (queryOptions.signal?.aborted) throw queryCancelled(source.name, queryOptions.signal);
    const controller = new AbortController();
    const queryId = randomUUID();
    let stopped: SkiffError | undefined;
    const stop = (error: SkiffError) => {
      if (stopped) return;
      stopped = error;
      controller.abort(error);
      // Closing the HTTP request does not stop every query (a CROSS JOIN in 18.16
      // ignores max_execution_time while it builds), so the server is told to.
      client.command({ query: `KILL QUERY WHERE query_id = '${queryId}' ASYNC` }).catch(() => undefined);
    };
    // The server stops itself at max_execution_time; the client-side timer covers a server that never answers.
    const timer = setTimeout(() => stop(queryTimedOut(source.name, queryOptions.timeoutMs)), queryOptions.timeoutMs + 1_000);
    const onAbort = () => stop(queryCancelled(source.name, queryOptions.signal));
    queryOptions.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const settings = {
        readonly: "1",
        max_execution_time: Math.max(1, Math.ceil(queryOptions.timeoutMs / 1000)),
        max_result_rows: String(queryOptions.maxRows + 1),
        result_overflow_mode: "break",
        wait_end_of_query: 1,
      } as ClickHouseSettings;
      const resultSet = await client.query({ query: statement, format: "TabSeparatedWithNamesAndTypes", clickhouse_settings: settings, abort_signal: controller.signal, query_id: queryId });
      const lines: string[] = [];
      const limit = queryOptions.maxRows + 3; // names, types, and one row past the cap
      const stream = resultSet.stream();
      outer: for await (const chunk of stream) {
        for (const row of chunk as Array<{ text: string }>) {
          lines.push(row.text);
          if (lines.length >= limit) break outer;
        }
      }
      resultSet.close();
      if (stopped) throw stopped;
      const names = lines[0] === undefined ? [] : parseTsvRow(lines[0]).map((n) => n ?? "");
      const types = lines[1] === undefined ? [] : parseTsvRow(lines[1]).map((t) => t ?? "String");
      const rows: Cell[][] = [];
      for (const line of lines.slice(2, queryOptions.maxRows + 2)) {
        rows.push(parseTsvRow(line).map((value, index) => clickHouseCell(value, types[index] ?? "String")));
      }
      return {
        columns: names.map((name, index) => ({ name, type: types[index] ?? "String" })),
        rows,
        rowCount: rows.length,
        truncated: lines.length > queryOptions.maxRows + 2,
        ms: Math.round(performance.now() - started),
      };
    } catch (error) {
      if (stopped) throw stopped;
      throw clickHouseError(error, source.name, queryOptions.timeoutMs);
    } finally {
      clearTimeout(timer);
      queryOptions.signal?.removeEventListener("abort", onAbort);
    }
  };

  return {
    name: source.name,
    kind: "clickhouse",
    dialect: "clickhouse",
    query,
    healthCheck: () => answerSelectOne(source.name, query),
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
