import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Source } from "../../catalog/model/source-schema.js";
import { SkiffError } from "../../shared/errors.js";
import type { QueryResult } from "../../shared/query-result.js";
import { readDuckDbResult } from "./duckdb/read-duckdb-result.js";
import { resolveEnvReferences } from "./resolve-env-references.js";
import { answerSelectOne } from "./answer-select-one.js";
import type { QueryOptions, SourceAdapter } from "./source-adapter.js";

export interface DuckDbSourceOptions {
  /** The catalog entry (kind `duckdb`); `connection.path` may hold `${VAR}` references. */
  source: Source;
  /** What `${VAR}` references resolve against (Config.sourceEnv). */
  env: Readonly<Record<string, string>>;
}

/**
 * Engine-side guard, whatever the SQL guard admitted: the file is opened read
 * only, nothing outside it can be read or written (read_csv, COPY TO, ATTACH,
 * INSTALL), and the settings are locked so a statement cannot turn that back on.
 * Every DuckDB source uses these exact options, so sources on one file share one
 * cached instance.
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
  let instance: Promise<DuckDBInstance> | undefined;
  let closed = false;

  const open = (): Promise<DuckDBInstance> => {
    if (closed) return Promise.reject(new SkiffError("SOURCE_UNAVAILABLE", `source ${source.name} is closed`, { retryable: false }));
    instance ??= openInstance(path, source.name).catch((error: unknown) => {
      instance = undefined; // a later call may find the file once it has been created
      throw error;
    });
    return instance;
  };

  const query = async (sql: string, queryOptions: QueryOptions): Promise<QueryResult> => {
    // A connection per statement: DuckDB runs one statement per connection at a
    // time, and interrupting must stop only this statement, not a neighbour's.
    const connection = await (await open()).connect();
    try {
      return await readDuckDbResult(connection, sql, { ...queryOptions, source: source.name });
    } finally {
      connection.disconnectSync();
    }
  };

  return {
    name: source.name,
    kind: "duckdb",
    dialect: "duckdb",
    query,
    healthCheck: () => answerSelectOne(source.name, query),
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

async function openInstance(path: string, source: string): Promise<DuckDBInstance> {
  if (!existsSync(path)) {
    throw new SkiffError("SOURCE_UNAVAILABLE", `no DuckDB file at ${path} for source ${source}; create it (for the demo: skiff demo seed)`, {
      retryable: false,
      detail: { source, path },
    });
  }
  try {
    return await DuckDBInstance.fromCache(path, { ...readOnlyDuckDbOptions });
  } catch (error) {
    throw new SkiffError("SOURCE_UNAVAILABLE", `could not open ${path} for source ${source}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      detail: { source, path },
    });
  }
}
