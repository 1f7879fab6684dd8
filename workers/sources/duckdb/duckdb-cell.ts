import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { Cell } from "../../../shared/query-result.js";

/** Date's range in milliseconds; outside it `toISOString` throws, so such timestamps travel as DuckDB prints them. */
const maxDateMs = 8.64e15;

function isoFromMillis(ms: bigint, fallback: string): string {
  if (ms > BigInt(maxDateMs) || ms < -BigInt(maxDateMs)) return fallback;
  return new Date(Number(ms)).toISOString();
}

/** Floor division: BigInt `/` truncates toward zero, which would move pre-1970 instants forward. */
function floorDiv(value: bigint, by: bigint): bigint {
  const quotient = value / by;
  return value % by < 0n ? quotient - 1n : quotient;
}

function timestampCell(value: DuckDBValue): string | undefined {
  // TIMESTAMP has no zone; Skiff's lakes store UTC, so naive values are read as UTC.
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) {
    return value.isFinite ? isoFromMillis(floorDiv(value.micros, 1000n), value.toString()) : value.toString();
  }
  if (value instanceof DuckDBTimestampMillisecondsValue) {
    return value.isFinite ? isoFromMillis(value.millis, value.toString()) : value.toString();
  }
  if (value instanceof DuckDBTimestampSecondsValue) {
    return value.isFinite ? isoFromMillis(value.seconds * 1000n, value.toString()) : value.toString();
  }
  if (value instanceof DuckDBTimestampNanosecondsValue) {
    return value.isFinite ? isoFromMillis(floorDiv(value.nanos, 1_000_000n), value.toString()) : value.toString();
  }
  return undefined;
}

/**
 * One DuckDB value as a JSON-safe cell: integers that fit a double become
 * numbers and bigger ones strings; DECIMAL becomes a number; DATE becomes
 * `YYYY-MM-DD`; timestamps become ISO 8601 in UTC; anything else becomes the
 * string DuckDB prints for it.
 */
export function duckDbCell(value: DuckDBValue): Cell {
  if (value === null) return null;
  switch (typeof value) {
    case "boolean":
    case "string":
      return value;
    case "number":
      // NaN and ±Infinity are not JSON; keep them visible as text rather than turning them into null.
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
    default:
      break;
  }
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBDateValue) return value.toString();
  return timestampCell(value) ?? value.toString();
}
