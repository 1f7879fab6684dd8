import type { Source } from "../../catalog/model/source-schema.js";
import type { Config } from "../../shared/config.js";
import { SkiffError } from "../../shared/errors.js";
import { createBigQuerySource } from "./bigquery-source.js";
import { createClickHouseSource } from "./clickhouse-source.js";
import { createDuckDbSource } from "./duckdb-source.js";
import { createPostgresSource } from "./postgres-source.js";
import type { SourceAdapter } from "./source-adapter.js";

/** The limits a source applies when it opens (Config.limits); each falls back to sourceLimitDefaults. */
export type SourceOpenLimits = Pick<Config["limits"], "maxQueryMemoryBytes" | "duckdbMemoryLimit" | "duckdbThreads">;

/** The adapter for a catalog source, by kind. Connections open lazily, on first query. */
export function createSourceAdapter(source: Source, env: Readonly<Record<string, string>>, limits: SourceOpenLimits = {}): SourceAdapter {
  switch (source.kind) {
    case "duckdb":
      return createDuckDbSource({
        source,
        env,
        ...(limits.duckdbMemoryLimit === undefined ? {} : { memoryLimit: limits.duckdbMemoryLimit }),
        ...(limits.duckdbThreads === undefined ? {} : { threads: limits.duckdbThreads }),
      });
    case "postgres":
      return createPostgresSource({ source, env });
    case "clickhouse":
      return createClickHouseSource({ source, env, ...(limits.maxQueryMemoryBytes === undefined ? {} : { maxQueryMemoryBytes: limits.maxQueryMemoryBytes }) });
    case "bigquery":
      return createBigQuerySource({ source, env });
    case "trino":
      throw new SkiffError(
        "CONFIG_INVALID",
        `source ${source.name} is kind ${source.kind}, which this Skiff build cannot connect to yet; use a duckdb source`,
      );
  }
}
