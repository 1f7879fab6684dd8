/** DuckDB type names as BigQuery field types. */
export function bigQueryFieldType(duckdbType: string): string {
  const type = duckdbType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(type)) return "INTEGER";
  if (/^(FLOAT|DOUBLE|REAL)$/.test(type)) return "FLOAT";
  if (/^DECIMAL/.test(type)) return "NUMERIC";
  if (type === "BOOLEAN") return "BOOLEAN";
  if (type === "DATE") return "DATE";
  if (/^TIMESTAMP/.test(type)) return "TIMESTAMP";
  return "STRING";
}
