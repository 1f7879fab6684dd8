import { describe, expect, it } from "vitest";
import { dialects } from "../../../sql/dialect.js";
import { allowedFunctions, isAllowedFunction } from "./index.js";

/**
 * Functions that read files, URLs, other servers, settings, sessions, the
 * catalog or the query text in at least one engine. No dialect's list may hold
 * any of them under any spelling, since every list is matched without case.
 */
const neverAllowed = [
  // Postgres
  "pg_stat_get_activity", "pg_show_all_settings", "pg_hba_file_rules", "pg_config", "version", "current_setting", "set_config", "pg_read_file",
  "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "inet_server_addr", "inet_client_addr", "current_query", "query_to_xml", "table_to_xml",
  "dblink", "lo_import", "lo_export", "pg_sleep", "current_database", "current_schema", "current_schemas", "current_user", "session_user", "user",
  "has_table_privilege", "to_regclass", "obj_description", "pg_relation_size", "pg_backend_pid", "txid_current", "nextval", "setval", "ts_stat", "crosstab",
  // DuckDB
  "read_csv", "read_csv_auto", "read_parquet", "read_json", "read_text", "read_blob", "parquet_scan", "parquet_metadata", "glob", "getenv",
  "getvariable", "duckdb_settings", "duckdb_tables", "duckdb_secrets", "duckdb_databases", "pragma_table_info", "query", "query_table",
  "sql_auto_complete", "json_execute_serialized_sql", "sqlite_scan", "postgres_scan", "postgres_query", "iceberg_scan", "delta_scan",
  // ClickHouse
  "file", "url", "urlCluster", "s3", "s3Cluster", "remote", "remoteSecure", "cluster", "clusterAllReplicas", "hdfs", "mysql", "postgresql", "jdbc",
  "odbc", "executable", "input", "merge", "view", "dictionary", "joinGet", "joinGetOrNull", "dictGet", "dictGetString", "dictGetOrDefault", "dictHas",
  "currentUser", "currentDatabase", "currentRoles", "currentProfiles", "hostName", "fqdn", "uptime", "timezone_of_server", "serverTimezone",
  "getSetting", "getMacro", "globalVariable", "queryID", "initialQueryID", "shardNum", "shardCount", "getServerPort", "getClientHTTPHeader",
  "hasColumnInTable", "filesystemAvailable", "sleep", "sleepEachRow", "catboostEvaluate", "numbers",
  // BigQuery
  "external_query", "session_user", "ml.predict", "aead.decrypt_string", "keys.new_keyset", "vector_search", "appends", "changes", "to_json_string",
  // Trino
  "system.query", "raw_query", "current_groups", "current_catalog",
];

describe("the function allowlists", () => {
  it("hold none of the functions that reach outside the catalog or into the engine's state", () => {
    const listed = dialects.flatMap((dialect) => neverAllowed.filter((name) => isAllowedFunction(dialect, name)).map((name) => `${dialect}: ${name}`));
    expect(listed).toEqual([]);
  });

  it("are sizeable in every dialect", () => {
    for (const dialect of dialects) expect(allowedFunctions[dialect].size).toBeGreaterThan(150);
  });

  it("match without case", () => {
    expect(isAllowedFunction("clickhouse", "toStartOfHour")).toBe(true);
    expect(isAllowedFunction("clickhouse", "TOSTARTOFHOUR")).toBe(true);
    expect(isAllowedFunction("bigquery", "TIMESTAMP_TRUNC")).toBe(true);
    expect(isAllowedFunction("postgres", "Date_Trunc")).toBe(true);
  });

  it("admit ClickHouse combinators over aggregates only", () => {
    for (const name of ["countIf", "sumIf", "avgIf", "uniqExactIf", "quantileIf", "quantilesIf", "sumArray", "groupArrayIf", "sumArrayIf", "uniqState", "uniqMerge", "avgMergeState", "countDistinctIf", "sumOrNull", "maxForEach", "anyLastIf", "argMaxIf", "sumResample"]) {
      expect([name, isAllowedFunction("clickhouse", name)]).toEqual([name, true]);
    }
    for (const name of ["fileIf", "urlArray", "dictGetIf", "currentUserState", "toStringIf", "getSettingIf"]) expect([name, isAllowedFunction("clickhouse", name)]).toEqual([name, false]);
    expect(isAllowedFunction("duckdb", "sumIf")).toBe(false);
  });

  it("admit a qualified name only under a builtin namespace, or as DuckDB's method syntax", () => {
    expect(isAllowedFunction("postgres", "pg_catalog.lower")).toBe(true);
    expect(isAllowedFunction("postgres", "public.lower")).toBe(false);
    expect(isAllowedFunction("postgres", "pg_catalog.pg_read_file")).toBe(false);
    expect(isAllowedFunction("bigquery", "safe.parse_date")).toBe(true);
    expect(isAllowedFunction("bigquery", "net.host")).toBe(true);
    expect(isAllowedFunction("bigquery", "safe.net.host")).toBe(true);
    expect(isAllowedFunction("bigquery", "safe.ml.predict")).toBe(false);
    expect(isAllowedFunction("bigquery", "dataset.lower")).toBe(false);
    expect(isAllowedFunction("trino", "system.lower")).toBe(false);
    expect(isAllowedFunction("clickhouse", "analytics.lower")).toBe(false);
    expect(isAllowedFunction("duckdb", "client_ip.lower")).toBe(true);
    expect(isAllowedFunction("duckdb", "home.getenv")).toBe(false);
  });
});
