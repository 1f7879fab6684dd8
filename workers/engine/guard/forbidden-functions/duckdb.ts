/**
 * DuckDB functions the guard refuses anywhere in a statement: they read files or
 * URLs, other databases, settings or the environment, run SQL from a string, or
 * change state. `*` matches any run of characters. The file is opened with
 * external access off as well; this list makes the refusal say why.
 */
export const duckdbForbiddenFunctions: readonly string[] = [
  "read_*", // read_csv, read_csv_auto, read_parquet, read_json*, read_ndjson*, read_text, read_blob, read_xlsx
  "parquet_*", // parquet_scan, parquet_metadata, parquet_schema, parquet_kv_metadata
  "sniff_csv",
  "glob",
  "*_scan", // sqlite_scan, postgres_scan, iceberg_scan, delta_scan, ...
  "*_attach",
  "*_query", // postgres_query, mysql_query
  "*_execute", // postgres_execute, mysql_execute
  "iceberg_*",
  "delta_*",
  "query", // runs a string as SQL
  "query_table",
  "json_execute_serialized_sql",
  "getenv",
  "current_setting",
  "set_config",
  "duckdb_*", // duckdb_settings, duckdb_secrets, duckdb_databases, duckdb_extensions ...
  "pragma_*",
  "which_secret",
  "nextval",
  "setval",
  "checkpoint",
  "force_checkpoint",
];
