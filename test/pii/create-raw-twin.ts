import { ClickHouseLogLevel, createClient } from "@clickhouse/client";
import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import type { Answer, CorpusEngine } from "./extraction-case.js";
import { rowsAnswer } from "./extraction-case.js";

/** The same engines Skiff reads, opened directly: what a statement answers on the raw data. */
export interface RawTwin {
  rows(engine: CorpusEngine, sql: string): Promise<unknown[][]>;
  /** The rows, or that it failed (never throws). */
  answer(engine: CorpusEngine, sql: string): Promise<Answer>;
  close(): Promise<void>;
}

export interface RawTwinOptions {
  /** The seeded lake file (DuckDB, opened read only). */
  lake: string;
  /** The Postgres database the demo is loaded into. */
  postgresUrl: string;
  clickhouseUrl: string;
  clickhouseDb: string;
}

/** Opens the lake, Postgres and ClickHouse as their owner, bypassing Skiff: ground truth for the inference checks and the raw set. */
export async function createRawTwin(options: RawTwinOptions): Promise<RawTwin> {
  const duck = await DuckDBInstance.create(options.lake, { access_mode: "READ_ONLY" });
  const connection = await duck.connect();
  const pool = new pg.Pool({ connectionString: options.postgresUrl, max: 2 });
  pool.on("error", () => undefined);
  const clickhouse = createClient({ url: options.clickhouseUrl, database: options.clickhouseDb, log: { level: ClickHouseLogLevel.OFF } });

  const rows = async (engine: CorpusEngine, sql: string): Promise<unknown[][]> => {
    switch (engine) {
      case "duckdb":
        return (await connection.runAndReadAll(sql)).getRowsJson();
      case "postgres":
        return (await pool.query({ text: sql, rowMode: "array" })).rows as unknown[][];
      case "clickhouse": {
        const result = await clickhouse.query({ query: sql, format: "JSONCompact" });
        return (await result.json<unknown[]>()).data;
      }
    }
  };

  return {
    rows,
    async answer(engine, sql) {
      try {
        return rowsAnswer(await rows(engine, sql));
      } catch (error) {
        // Postgres puts part of the value in DETAIL and CONTEXT: an engine hands those out too.
        const { detail, where } = error as { detail?: string; where?: string };
        return { failed: [error instanceof Error ? error.message : String(error), detail, where].filter(Boolean).join("\n") };
      }
    },
    async close() {
      connection.closeSync();
      duck.closeSync();
      await Promise.allSettled([pool.end(), clickhouse.close()]);
    },
  };
}
