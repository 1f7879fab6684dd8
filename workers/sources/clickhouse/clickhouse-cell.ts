import type { Cell } from "../../../shared/query-result.js";

/** `Nullable(LowCardinality(String))` → `String`. */
export function bareClickHouseType(type: string): string {
  let bare = type.trim();
  for (;;) {
    const match = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(bare);
    if (!match?.[1]) return bare;
    bare = match[1];
  }
}

const integerType = /^U?Int(8|16|32|64|128|256)$/;
const floatType = /^(Float32|Float64|Decimal.*)$/;
const dateTimeValue = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

/**
 * One ClickHouse text value as a JSON-safe cell, the shapes every Skiff adapter
 * returns: 64-bit integers (which ClickHouse prints as text in JSON) become
 * numbers when a double holds them exactly and stay text otherwise; floats and
 * decimals are numbers; DateTime is ISO 8601 in UTC (Skiff's ClickHouse tables
 * and server run in UTC); anything else is text.
 */
export function clickHouseCell(value: string | null, type: string): Cell {
  if (value === null) return null;
  const bare = bareClickHouseType(type);
  if (integerType.test(bare)) {
    if (!/^-?\d+$/.test(value)) return value;
    const big = BigInt(value);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : value;
  }
  if (floatType.test(bare)) {
    const number = Number(value);
    return Number.isFinite(number) && value !== "" ? number : value;
  }
  if (/^DateTime/.test(bare)) {
    const match = dateTimeValue.exec(value);
    if (!match) return value;
    const ms = Date.parse(`${match[1]}T${match[2]}Z`);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
  }
  return value;
}
