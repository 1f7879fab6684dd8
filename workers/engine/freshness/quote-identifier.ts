import type { Dialect } from "../../sql/dialect.js";

/** A (possibly dotted) catalog name quoted part by part for a dialect, for SQL the engine writes itself. */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  const backtick = dialect === "bigquery" || dialect === "clickhouse";
  return name
    .split(".")
    .map((part) => (backtick ? `\`${part.replaceAll("`", "\\`")}\`` : `"${part.replaceAll('"', '""')}"`))
    .join(".");
}
