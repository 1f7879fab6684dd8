import type { Source } from "../../catalog/model/source-schema.js";
import { SkiffError } from "../../shared/errors.js";
import { createBigQuerySource } from "./bigquery-source.js";
import { createClickHouseSource } from "./clickhouse-source.js";
import { createDuckDbSource } from "./duckdb-source.js";
import { createPostgresSource } from "./postgres-source.js";
import type { SourceAdapter } from "./source-adapter.js";

/** The adapter for a catalog source, by kind. Connections open lazily, on first query. */
export function createSourceAdapter(source: Source, env: Readonly<Record<string, string>>): SourceAdapter {
  switch (source.kind) {
    case "duckdb":
      return createDuckDbSource({ source, env });
    case "postgres":
      return createPostgresSource({ source, env });
    case "clickhouse":
      return createClickHouseSource({ source, env });
    case "bigquery":
      return createBigQuerySource({ source, env });
    case "trino":
      throw new SkiffError(
        "CONFIG_INVALID",
        `source ${source.name} is kind ${source.kind}, which this Skiff build cannot connect to yet; use a duckdb source`,
      );
  }
}
