import { DuckDBInstance } from "@duckdb/node-api";
import { sourceLimitDefaults } from "../../../shared/config.js";

/** Nothing outside the database, settings locked, and the same memory and thread bounds as a DuckDB source. */
export const scratchSettings = {
  enable_external_access: "false",
  lock_configuration: "true",
  memory_limit: sourceLimitDefaults.duckdbMemoryLimit,
  threads: String(sourceLimitDefaults.duckdbThreads),
};

/** Clean instances kept for the next runs; more than this are closed. */
const poolSize = 2;

export interface ScratchInstances {
  /** An empty in-memory DuckDB: fresh, or one a finished run handed back and that was emptied. */
  take(): Promise<DuckDBInstance>;
  /** Takes an instance back after a run: its tables are dropped, and it is pooled only if nothing is left in it. */
  give(instance: DuckDBInstance, tables: readonly string[]): void;
  close(): void;
}

async function empty(instance: DuckDBInstance, tables: readonly string[]): Promise<boolean> {
  const connection = await instance.connect();
  try {
    for (const table of tables) await connection.run(`DROP TABLE IF EXISTS "${table.replaceAll('"', '""')}"`);
    const left = await connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE NOT internal");
    return Number(left.getRows()[0]?.[0] ?? 1) === 0;
  } finally {
    connection.disconnectSync();
  }
}

/**
 * Hands out empty scratch databases and takes them back. Creating and closing an
 * in-memory DuckDB costs tens of milliseconds each, which would otherwise sit on
 * every cross-source answer; a handed-back instance is emptied and checked empty
 * before another run gets it, so no run ever sees another run's rows.
 */
export function createScratchInstances(): ScratchInstances {
  const idle: DuckDBInstance[] = [];
  let closed = false;
  const create = () => DuckDBInstance.create(":memory:", scratchSettings);
  return {
    async take() {
      return idle.pop() ?? create();
    },
    give(instance, tables) {
      void empty(instance, tables)
        .then((clean) => {
          if (clean && !closed && idle.length < poolSize) idle.push(instance);
          else instance.closeSync();
        })
        .catch(() => instance.closeSync());
    },
    close() {
      closed = true;
      for (const instance of idle.splice(0)) instance.closeSync();
    },
  };
}
