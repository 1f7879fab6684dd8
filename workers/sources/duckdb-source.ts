import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Source } from "../../catalog/model/source-schema.js";
import { sourceLimitDefaults } from "../../shared/config.js";
import { SkiffError } from "../../shared/errors.js";
import type { QueryResult } from "../../shared/query-result.js";
import { readDuckDbResult } from "./duckdb/read-duckdb-result.js";
import { runWithDeadline } from "./limits/run-with-deadline.js";
import { resolveEnvReferences } from "./resolve-env-references.js";
import { answerSelectOne } from "./answer-select-one.js";
import type { QueryOptions, SourceAdapter } from "./source-adapter.js";

export interface DuckDbSourceOptions {
  /** The catalog entry (kind `duckdb`); `connection.path` may hold `${VAR}` references. */
  source: Source;
  /** What `${VAR}` references resolve against (Config.sourceEnv). */
  env: Readonly<Record<string, string>>;
  /**
   * DuckDB's `memory_limit` for the file (e.g. `1GB`). Sources on one file
   * share one database, so the first to open it in this process sets it.
   * @defaultValue sourceLimitDefaults.duckdbMemoryLimit
   */
  memoryLimit?: string;
  /**
   * DuckDB's `threads` for the file; the first source to open it sets it.
   * @defaultValue sourceLimitDefaults.duckdbThreads
   */
  threads?: number;
}

/**
 * Engine-side guard, whatever the SQL guard admitted: the file is opened read
 * only, nothing outside it can be read or written (read_csv, COPY TO, ATTACH,
 * INSTALL), and the settings are locked so a statement cannot turn that back on.
 * Every DuckDB source uses these options (plus its memory_limit and threads),
 * so sources on one file share one cached instance.
 */
export const readOnlyDuckDbOptions: Readonly<Record<string, string>> = {
  access_mode: "READ_ONLY",
  enable_external_access: "false",
  lock_configuration: "true",
};

/** A {@link SourceAdapter} over a DuckDB file, e.g. the demo lake. */
export function createDuckDbSource(options: DuckDbSourceOptions): SourceAdapter {
  const { source } = options;
  if (source.kind !== "duckdb") {
    throw new SkiffError("CONFIG_INVALID", `source ${source.name} is kind ${source.kind}; a DuckDB adapter only serves kind duckdb`);
  }
  const rawPath = source.connection.path;
  if (rawPath === undefined) {
    throw new SkiffError("CONFIG_INVALID", `source ${source.name} has no connection.path; set it to the DuckDB file, e.g. path: \${SKIFF_DEMO_DB}`);
  }
  const path = resolve(resolveEnvReferences(rawPath, options.env, source.name));
  const settings = { memory_limit: options.memoryLimit ?? sourceLimitDefaults.duckdbMemoryLimit, threads: String(options.threads ?? sourceLimitDefaults.duckdbThreads) };
  let instance: Promise<DuckDBInstance> | undefined;
  let closed = false;

  const open = (): Promise<DuckDBInstance> => {
    if (closed) return Promise.reject(new SkiffError("SOURCE_UNAVAILABLE", `source ${source.name} is closed`, { retryable: false }));
    instance ??= openInstance(path, source.name, settings).catch((error: unknown) => {
      instance = undefined; // a later call may find the file once it has been created
      throw error;
    });
    return instance;
  };

  const query = async (sql: string, queryOptions: QueryOptions): Promise<QueryResult> => {
    // A connection per statement: DuckDB runs one statement per connection at a
    // time, and interrupting must stop only this statement, not a neighbour's.
    const connection = await (await open()).connect();
    const reading = readDuckDbResult(connection, sql, { ...queryOptions, source: source.name });
    // Disconnected only once DuckDB lets go of it: disconnecting a connection that
    // is still running a statement leaves that statement hanging for good.
    const release = () => connection.disconnectSync();
    reading.then(release, release);
    // Some work ignores the interrupt (constant folding while a statement is
    // planned runs for seconds); the wait stops at the deadline all the same.
    return runWithDeadline(
      {
        source: source.name,
        timeoutMs: queryOptions.timeoutMs,
        ...(queryOptions.signal ? { signal: queryOptions.signal } : {}),
        interrupt: () => connection.interrupt(),
        abandon: () => undefined,
      },
      () => reading,
    );
  };

  return {
    name: source.name,
    kind: "duckdb",
    dialect: "duckdb",
    query,
    healthCheck: () => answerSelectOne(source.name, query),
    // The file is opened read only, with external access off and the settings locked: these credentials cannot write.
    checkCredentials: () => Promise.resolve([]),
    async close() {
      closed = true;
      const opened = instance;
      instance = undefined;
      if (!opened) return;
      // Each fromCache call returns its own handle on the shared database; closing
      // ours leaves other sources on the same file working.
      const handle = await opened.catch(() => undefined);
      handle?.closeSync();
    },
  };
}

/**
 * The settings each file was first opened with in this process. DuckDB's
 * instance cache refuses a second open of a file with different settings
 * ("different configuration than existing connections"), so a later source on
 * the same file (the eval lake reader beside the lake source) adopts them.
 */
const openedWith = new Map<string, Readonly<Record<string, string>>>();

async function openInstance(path: string, source: string, settings: Readonly<Record<string, string>>): Promise<DuckDBInstance> {
  if (!existsSync(path)) {
    throw new SkiffError("SOURCE_UNAVAILABLE", `no DuckDB file at ${path} for source ${source}; create it (for the demo: skiff demo seed)`, {
      retryable: false,
      detail: { source, path },
    });
  }
  try {
    const chosen = openedWith.get(path) ?? settings;
    const opened = await DuckDBInstance.fromCache(path, { ...readOnlyDuckDbOptions, ...chosen });
    openedWith.set(path, chosen);
    return opened;
  } catch (error) {
    throw new SkiffError("SOURCE_UNAVAILABLE", `could not open ${path} for source ${source}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      detail: { source, path },
    });
  }
}
