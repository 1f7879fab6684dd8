import { DuckDBInstance, type DuckDBAppender } from "@duckdb/node-api";
import type { Caveat } from "../../../shared/caveat.js";
import type { Config } from "../../../shared/config.js";
import { SkiffError, isSkiffError } from "../../../shared/errors.js";
import type { Logger } from "../../../shared/logger.js";
import type { Cell, QueryResult } from "../../../shared/query-result.js";
import { readDuckDbResult } from "../../sources/duckdb/read-duckdb-result.js";
import { runWithDeadline } from "../../sources/limits/run-with-deadline.js";
import { scratchSettings } from "./create-scratch-instances.js";
import { truncatedCaveat } from "../caveats/truncated-caveat.js";
import { scrubEngineError } from "../errors/scrub-engine-error.js";
import { guardSql } from "../guard-sql.js";
import type { ExecutedQuery } from "../planned-query.js";
import { scratchColumnType, type ScratchColumnType } from "./scratch-column-type.js";

export interface LoadedResult {
  name: string;
  rows: number;
  /** True when the transfer cap cut the result on its way in. */
  truncated: boolean;
  caveats: Caveat[];
}

/** The run's own in-memory DuckDB, where results from different sources meet (`combine`). */
export interface Scratch {
  /** Names of the results saved so far. */
  readonly tables: readonly string[];
  /** Saves a result as a table (replacing one of the same name), capped at limits.maxTransferRows. */
  load(name: string, result: QueryResult): Promise<LoadedResult>;
  /** Guards (saved results only) and runs a statement; failures come back as `error`, never as a rejection. */
  query(sql: string, purpose: string, id: string, options?: { signal?: AbortSignal }): Promise<ExecutedQuery>;
  close(): Promise<void>;
}

export interface ScratchOptions {
  limits: Config["limits"];
  logger: Logger;
  /** An empty in-memory instance to use (see createScratchInstances); one is created when absent. */
  instance?: DuckDBInstance;
  /** Takes the instance back on close (to empty and reuse it); without it the instance is closed. */
  release?: (instance: DuckDBInstance, tables: readonly string[]) => void;
}

const scratchName = /^[a-z][a-z0-9_]*$/;

/**
 * Opens a scratch database. It cannot touch files or the network (external
 * access off, settings locked), and its SQL is guarded to the saved results, so
 * `combine` can join but not reach out.
 */
export async function openScratch(options: ScratchOptions): Promise<Scratch> {
  const { limits, logger } = options;
  const instance = options.instance ?? (await DuckDBInstance.create(":memory:", scratchSettings));
  const rowCounts = new Map<string, number>();
  let closed = false;

  const connect = async () => {
    if (closed) throw new SkiffError("INTERNAL", "the run's scratch database is closed");
    return instance.connect();
  };

  const load = async (name: string, result: QueryResult): Promise<LoadedResult> => {
    if (!scratchName.test(name)) {
      throw new SkiffError("SQL_REJECTED", `cannot save a result as "${name}": use a lower_snake_case name such as top_zones`);
    }
    const cap = limits.maxTransferRows;
    const rows = result.rows.length > cap ? result.rows.slice(0, cap) : result.rows;
    const names = uniqueNames(result.columns.map((column) => column.name));
    const types = result.columns.map((column, index) => scratchColumnType(column.type, rows.map((row) => row[index] ?? null)));
    const connection = await connect();
    try {
      const columns = names.map((column, index) => `${quote(column)} ${types[index] ?? "VARCHAR"}`).join(", ");
      await connection.run(`CREATE OR REPLACE TABLE ${quote(name)} (${columns.length > 0 ? columns : '"empty" VARCHAR'})`);
      if (names.length > 0 && rows.length > 0) {
        const appender = await connection.createAppender(name);
        try {
          for (const row of rows) {
            types.forEach((type, index) => append(appender, type, row[index] ?? null));
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
      }
    } finally {
      connection.disconnectSync();
    }
    rowCounts.set(name, rows.length);
    const truncated = rows.length < result.rows.length;
    const caveats: Caveat[] = truncated
      ? [{ kind: "truncated", message: `${name} was cut to its first ${cap.toLocaleString("en-US")} rows before combining, so the combined result may miss rows` }]
      : [];
    logger.debug({ table: name, rows: rows.length, truncated }, "saved a result in the scratch database");
    return { name, rows: rows.length, truncated, caveats };
  };

  const query = async (sql: string, purpose: string, id: string, queryOptions: { signal?: AbortSignal } = {}): Promise<ExecutedQuery> => {
    const planned = { id, source: "scratch", sql, purpose };
    const started = performance.now();
    let tables: string[] = [];
    try {
      tables = guardSql({ sql, dialect: "duckdb", allowedTables: [...rowCounts.keys()] }).tables;
      const connection = await connect();
      const reading = readDuckDbResult(connection, sql, {
        source: "scratch",
        maxRows: limits.maxRows,
        timeoutMs: limits.queryTimeoutMs,
        ...(queryOptions.signal ? { signal: queryOptions.signal } : {}),
      });
      // As for DuckDB sources: disconnect only once DuckDB lets go, and stop waiting at the deadline
      // even when the statement ignores its interrupt.
      const release = () => connection.disconnectSync();
      reading.then(release, release);
      const result: QueryResult = await runWithDeadline(
        {
          source: "scratch",
          timeoutMs: limits.queryTimeoutMs,
          ...(queryOptions.signal ? { signal: queryOptions.signal } : {}),
          interrupt: () => connection.interrupt(),
          abandon: () => undefined,
        },
        () => reading,
      );
      const caveats: Caveat[] = [];
      if (result.truncated) caveats.push(truncatedCaveat(result));
      const inputs = tables.map((table) => ({ table, rows: rowCounts.get(table) ?? 0 }));
      if (result.rowCount === 0 && inputs.length >= 2 && inputs.every((input) => input.rows > 0)) {
        caveats.push({
          kind: "empty_join",
          message: `combining ${inputs.map((input) => `${input.table} (${input.rows} rows)`).join(" and ")} returned no rows: the join keys may not match (compare their values and types, e.g. 42 vs '42')`,
        });
      }
      return {
        query: planned,
        result,
        tables,
        caveats,
        record: { id, source: "scratch", sql, purpose, rows: result.rowCount, ms: result.ms, truncated: result.truncated },
      };
    } catch (caught) {
      const raw = isSkiffError(caught) ? caught : new SkiffError("INTERNAL", caught instanceof Error ? caught.message : String(caught), { cause: caught });
      // Saved results hold source data: DuckDB's text about them quotes values, like any engine's.
      const { error } = scrubEngineError(raw, { sql, source: "scratch", dialect: "duckdb" });
      logger.warn({ query: id, source: "scratch", code: error.code, message: error.message }, "combine failed");
      const ms = Math.round(performance.now() - started);
      return { query: planned, error, tables, caveats: [], record: { id, source: "scratch", sql, purpose, rows: 0, ms, truncated: false, error: error.message } };
    }
  };

  return {
    get tables() {
      return [...rowCounts.keys()];
    },
    load,
    query,
    close() {
      if (!closed) {
        closed = true;
        if (options.release) options.release(instance, [...rowCounts.keys()]);
        else instance.closeSync();
      }
      return Promise.resolve();
    },
  };
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** DuckDB refuses duplicate column names; a join's `id` and `id` become `id` and `id_2`. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name, index) => {
    let unique = name === "" ? `column_${index + 1}` : name;
    for (let n = 2; seen.has(unique.toLowerCase()); n += 1) unique = `${name}_${n}`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

function append(appender: DuckDBAppender, type: ScratchColumnType, cell: Cell): void {
  if (cell === null) {
    appender.appendNull();
    return;
  }
  switch (type) {
    case "BIGINT":
      appender.appendBigInt(BigInt(cell));
      return;
    case "HUGEINT":
      appender.appendHugeInt(BigInt(cell));
      return;
    case "DOUBLE":
      appender.appendDouble(cell as number);
      return;
    case "BOOLEAN":
      appender.appendBoolean(cell as boolean);
      return;
    default:
      // DATE and TIMESTAMP arrive as ISO text; the appender casts it to the column's type.
      appender.appendVarchar(String(cell));
  }
}
