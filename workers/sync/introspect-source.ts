import type { Source } from "../../catalog/model/source-schema.js";
import { SkiffError } from "../../shared/errors.js";
import type { SourceAdapter } from "../sources/source-adapter.js";

export interface IntrospectedColumn {
  name: string;
  type: string;
}

export interface IntrospectedTable {
  /** The name the source's SQL uses (schema-qualified where the source has schemas). */
  physical: string;
  columns: IntrospectedColumn[];
}

const maxColumns = 100_000;

/**
 * Lists a source's tables and columns from its own metadata
 * (information_schema, system.columns, INFORMATION_SCHEMA.COLUMNS), through the
 * adapter's read-only mode. These statements read system tables, so they go
 * to the adapter directly rather than through the guard, which admits catalog
 * tables only.
 */
export async function introspectSource(adapter: SourceAdapter, source: Source): Promise<IntrospectedTable[]> {
  const sql = introspectionSql(source);
  const result = await adapter.query(sql, { timeoutMs: 60_000, maxRows: maxColumns });
  if (result.truncated) throw new SkiffError("TOO_EXPENSIVE", `source ${source.name} has more than ${maxColumns.toLocaleString("en-US")} columns; sync fewer schemas (set connection.database or dataset)`);
  const tables = new Map<string, IntrospectedTable>();
  for (const [physical, column, type] of result.rows) {
    const key = String(physical);
    let table = tables.get(key);
    if (!table) {
      table = { physical: key, columns: [] };
      tables.set(key, table);
    }
    table.columns.push({ name: String(column), type: normalizeType(String(type)) });
  }
  return [...tables.values()];
}

function introspectionSql(source: Source): string {
  switch (source.kind) {
    case "postgres":
      return `SELECT table_schema || '.' || table_name AS physical, column_name, data_type
FROM information_schema.columns
WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'
ORDER BY table_schema, table_name, ordinal_position`;
    case "duckdb":
      return `SELECT table_schema || '.' || table_name AS physical, column_name, data_type
FROM information_schema.columns
WHERE table_catalog = current_database() AND table_schema NOT IN ('information_schema', 'pg_catalog')
ORDER BY table_schema, table_name, ordinal_position`;
    case "clickhouse":
      // A source that names its database connects to it, and its tables are named bare (as catalog/demo-servers does).
      // No ORDER BY: system.columns lists each table's columns in their order, and 18.16 has no position column to sort by.
      return source.connection.database !== undefined
        ? "SELECT table AS physical, name, type FROM system.columns WHERE database = currentDatabase()"
        : "SELECT concat(database, '.', table) AS physical, name, type FROM system.columns WHERE database NOT IN ('system', 'INFORMATION_SCHEMA', 'information_schema')";
    case "bigquery": {
      const datasets = (source.connection.datasets ?? source.connection.dataset ?? "").split(",").map((d) => d.trim()).filter(Boolean);
      if (datasets.length === 0) throw new SkiffError("CONFIG_INVALID", `source ${source.name} has no connection.datasets; list the datasets to sync, e.g. datasets: billing,finance`);
      if (datasets.some((d) => !/^[A-Za-z0-9_-]+$/.test(d))) throw new SkiffError("CONFIG_INVALID", `source ${source.name} has a dataset name that is not plain letters, digits, _ or -`);
      return datasets
        .map((dataset) => `SELECT concat(table_schema, '.', table_name) AS physical, column_name, data_type FROM \`${dataset}.INFORMATION_SCHEMA.COLUMNS\``)
        .join("\nUNION ALL\n");
    }
    case "trino":
      throw new SkiffError("CONFIG_INVALID", `source ${source.name} is kind trino, which catalog sync cannot read yet`);
  }
}

/** Engine type names as the catalog writes them: upper case, Postgres' long names shortened. */
function normalizeType(type: string): string {
  const upper = type.trim().toUpperCase();
  const short: Record<string, string> = {
    "TIMESTAMP WITHOUT TIME ZONE": "TIMESTAMP",
    "TIMESTAMP WITH TIME ZONE": "TIMESTAMPTZ",
    "CHARACTER VARYING": "VARCHAR",
    "DOUBLE PRECISION": "DOUBLE",
  };
  return short[upper] ?? type.trim();
}
