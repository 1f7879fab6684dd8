import type { Cell } from "../../../shared/query-result.js";

/**
 * One BigQuery REST value (always text; TIMESTAMP as microseconds since the
 * epoch under formatOptions.useInt64Timestamp) as a JSON-safe cell, the shapes
 * every Skiff adapter returns.
 */
export function bigQueryCell(value: unknown, type: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") return JSON.stringify(value);
  switch (type.toUpperCase()) {
    case "INTEGER":
    case "INT64": {
      if (!/^-?\d+$/.test(value)) return value;
      const big = BigInt(value);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : value;
    }
    case "FLOAT":
    case "FLOAT64":
    case "NUMERIC":
    case "BIGNUMERIC": {
      const number = Number(value);
      return Number.isFinite(number) ? number : value;
    }
    case "BOOLEAN":
    case "BOOL":
      return value === "true";
    case "TIMESTAMP": {
      if (!/^-?\d+$/.test(value)) return value;
      const ms = Number(BigInt(value) / 1000n);
      return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : value;
    }
    default:
      return value;
  }
}
