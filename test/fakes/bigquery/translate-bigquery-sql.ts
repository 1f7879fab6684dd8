/**
 * Rewrites the BigQuery SQL Skiff sends into DuckDB SQL, for the fake only:
 * backtick paths become quoted identifiers, TIMESTAMP_TRUNC/DATE_TRUNC take
 * DuckDB's argument order, `+00` offsets on UTC literals are dropped (the
 * fake stores UTC), and `dataset.INFORMATION_SCHEMA.COLUMNS` reads DuckDB's
 * information_schema for that schema.
 */
export function translateBigQuerySql(sql: string): string {
  return sql
    .replace(/`([^`]+)\.INFORMATION_SCHEMA\.COLUMNS`|\b([A-Za-z_][A-Za-z0-9_]*)\.INFORMATION_SCHEMA\.COLUMNS\b/gi, (_whole, quoted: string | undefined, bare: string | undefined) => {
      const dataset = (quoted ?? bare ?? "").split(".").pop() ?? "";
      return `(SELECT table_schema AS table_schema, table_name, column_name, upper(data_type) AS data_type, ordinal_position FROM information_schema.columns WHERE table_schema = '${dataset.replaceAll("'", "''")}')`;
    })
    .replace(/`([^`]+)`/g, (_whole, path: string) => path.split(".").map((part) => `"${part.replaceAll('"', '""')}"`).join("."))
    .replace(/\b(TIMESTAMP|DATE)_TRUNC\(\s*([^,()]+(?:\([^()]*\))?)\s*,\s*(ISOWEEK|WEEK|DAY|HOUR|MONTH|YEAR)\s*\)/gi, (_whole, _kind: string, column: string, part: string) => {
      const grain = /^isoweek$/i.test(part) ? "week" : part.toLowerCase();
      return `date_trunc('${grain}', ${column.trim()})`;
    })
    .replace(/TIMESTAMP '(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)\+00(?::00)?'/g, "TIMESTAMP '$1'");
}
