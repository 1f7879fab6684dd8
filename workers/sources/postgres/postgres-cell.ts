import type { Cell } from "../../../shared/query-result.js";

/** Type names for the OIDs Skiff's compiler and scratch database care about; others are named by pg-types. */
const typeNames: Readonly<Record<number, string>> = {
  16: "BOOLEAN",
  20: "BIGINT",
  21: "SMALLINT",
  23: "INTEGER",
  25: "TEXT",
  700: "REAL",
  701: "DOUBLE",
  1043: "VARCHAR",
  1082: "DATE",
  1114: "TIMESTAMP",
  1184: "TIMESTAMPTZ",
  1700: "NUMERIC",
};

export function postgresTypeName(oid: number, builtins: Readonly<Record<string, number>>): string {
  const known = typeNames[oid];
  if (known !== undefined) return known;
  const entry = Object.entries(builtins).find(([, value]) => value === oid);
  return entry ? entry[0] : `OID ${oid}`;
}

const integerOids = new Set([20, 21, 23, 26]);
const floatOids = new Set([700, 701, 1700]);
const naiveTimestamp = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

/**
 * One Postgres text value as a JSON-safe cell, the same shapes the DuckDB
 * adapter returns: integers that fit a double are numbers (bigger ones stay
 * text), NUMERIC and floats are numbers, timestamps are ISO 8601 in UTC (naive
 * ones are read as UTC, as Skiff's sources store them), anything else is text.
 */
export function postgresCell(value: string | null, oid: number): Cell {
  if (value === null) return null;
  if (integerOids.has(oid)) {
    const big = BigInt(value);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : value;
  }
  if (floatOids.has(oid)) {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  if (oid === 16) return value === "t";
  if (oid === 1114) {
    const match = naiveTimestamp.exec(value);
    return match ? isoOrText(`${match[1]}T${match[2]}Z`, value) : value;
  }
  if (oid === 1184) return isoOrText(value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"), value);
  return value;
}

function isoOrText(candidate: string, original: string): string {
  const ms = Date.parse(candidate);
  return Number.isNaN(ms) ? original : new Date(ms).toISOString();
}
