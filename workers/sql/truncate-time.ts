import type { Dialect } from "./dialect.js";
import type { TimeGrain } from "./time-grain.js";

const clickhouseTruncate: Record<TimeGrain, (column: string) => string> = {
  hour: (c) => `toStartOfHour(${c})`,
  day: (c) => `toStartOfDay(${c})`,
  // Mode 1: weeks start on Monday, as they do everywhere else in Skiff.
  week: (c) => `toMonday(${c})`,
  month: (c) => `toStartOfMonth(${c})`,
};

/** Truncates a timestamp or date column to the start of its hour, day, ISO week (Monday) or month. */
export function truncateTime(column: string, grain: TimeGrain, dialect: Dialect, isDate: boolean): string {
  switch (dialect) {
    case "clickhouse":
      return clickhouseTruncate[grain](column);
    case "bigquery": {
      const part = grain === "week" ? "ISOWEEK" : grain.toUpperCase();
      return isDate ? `DATE_TRUNC(${column}, ${part})` : `TIMESTAMP_TRUNC(${column}, ${part})`;
    }
    case "duckdb":
    case "postgres":
    case "trino":
      return `date_trunc('${grain}', ${column})`;
  }
}
