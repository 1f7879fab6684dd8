import type { SourceKind } from "../../catalog/model/index.js";

/** SQL dialects the compiler and the guard speak. */
export const dialects = ["duckdb", "postgres", "clickhouse", "bigquery", "trino"] as const;
export type Dialect = (typeof dialects)[number];

export function dialectOf(kind: SourceKind): Dialect {
  return kind;
}
