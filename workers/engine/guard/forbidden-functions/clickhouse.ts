/**
 * ClickHouse functions the guard refuses anywhere in a statement: table
 * functions that reach files, URLs, object stores or other databases, reads of
 * every table matching a pattern (merge), dictionaries the catalog does not
 * describe, sleeping and server settings. Matched case-insensitively; `*` matches
 * any run of characters.
 */
export const clickhouseForbiddenFunctions: readonly string[] = [
  "file",
  "url",
  "urlcluster",
  "remote",
  "remotesecure",
  "cluster",
  "clusterallreplicas",
  "s3",
  "s3cluster",
  "hdfs",
  "hdfscluster",
  "gcs",
  "azureblobstorage*",
  "iceberg*",
  "deltalake*",
  "hudi*",
  "mysql",
  "postgresql",
  "jdbc",
  "odbc",
  "mongodb",
  "redis",
  "sqlite",
  "executable",
  "input",
  "merge",
  "dictionary",
  "dictget*",
  "sleep",
  "sleepeachrow",
  "getsetting",
  "getmacro",
  "filesystem*",
  "getserverport",
  "getclienthttpheader",
];
