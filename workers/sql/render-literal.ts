import type { Dialect } from "./dialect.js";

/** `'it''s'`: the standard SQL string literal, valid in every dialect Skiff speaks. */
export function renderString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function isoParts(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** A UTC instant as a timestamp literal comparable with the dialect's timestamp columns. */
export function renderTimestamp(at: Date, dialect: Dialect): string {
  const { date, time } = isoParts(at);
  switch (dialect) {
    case "clickhouse":
      return `toDateTime('${date} ${time}', 'UTC')`;
    case "bigquery":
      return `TIMESTAMP '${date} ${time}+00'`;
    case "duckdb":
    case "postgres":
    case "trino":
      return `TIMESTAMP '${date} ${time}'`;
  }
}

/** The UTC calendar day of an instant as a date literal. */
export function renderDate(at: Date, dialect: Dialect): string {
  const { date } = isoParts(at);
  return dialect === "clickhouse" ? `toDate('${date}')` : `DATE '${date}'`;
}
