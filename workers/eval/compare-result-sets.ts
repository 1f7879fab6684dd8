import type { Cell } from "../../shared/query-result.js";

export interface CompareOptions {
  /** Compare rows in order (the question asks for a ranking). */
  ordered: boolean;
  /** Relative tolerance for numbers (floats, estimates rounded differently). @defaultValue 1e-6 */
  tolerance?: number;
}

export type Comparison = { match: true } | { match: false; reason: string };

const numeric = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;
const midnight = /^(\d{4}-\d{2}-\d{2})T00:00:00(\.000)?Z$/;

/** Numbers as numbers whatever the engine sent (big integers and decimals travel as strings). */
function normalize(cell: Cell | undefined): Cell {
  if (cell === undefined) return null;
  if (typeof cell !== "string") return cell;
  if (numeric.test(cell)) return Number(cell);
  // A day is a day whether a DATE column or a day bucket of a TIMESTAMP carried it.
  return midnight.exec(cell)?.[1] ?? cell;
}

function same(a: Cell, b: Cell, tolerance: number): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (a === b) return true;
    return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), 1e-12);
  }
  return a === b;
}

const sortKey = (cell: Cell): string => (typeof cell === "number" ? `n${cell.toPrecision(12)}` : `s${String(cell)}`);

function rowsMatch(actual: Cell[][], expected: Cell[][], ordered: boolean, tolerance: number): boolean {
  if (actual.length !== expected.length) return false;
  const order = (rows: Cell[][]) => (ordered ? rows : [...rows].sort((a, b) => a.map(sortKey).join("\u0000").localeCompare(b.map(sortKey).join("\u0000"))));
  const left = order(actual);
  const right = order(expected);
  return left.every((row, i) => row.every((cell, j) => same(cell, right[i]?.[j] ?? null, tolerance)));
}

/** Column choices worth trying: actual columns whose values, as a multiset, are the expected column's. */
function candidates(actual: Cell[][], expected: Cell[][], width: number, column: number, tolerance: number): number[] {
  const values = (rows: Cell[][], at: number) => rows.map((r) => r[at] ?? null).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const wanted = values(expected, column);
  const found: number[] = [];
  for (let at = 0; at < width; at++) {
    const have = values(actual, at);
    if (have.every((cell, i) => same(cell, wanted[i] ?? null, tolerance))) found.push(at);
  }
  return found;
}

/**
 * Execution accuracy: does the answer's result hold the expected result set?
 * Column names are ignored and extra columns (labels, a previous period) are
 * allowed: each expected column must be matched, by values, to a distinct
 * actual column, with rows compared as a multiset unless `ordered`.
 */
export function compareResultSets(actualRows: readonly Cell[][], expectedRows: readonly Cell[][], options: CompareOptions): Comparison {
  const tolerance = options.tolerance ?? 1e-6;
  const actual = actualRows.map((row) => row.map(normalize));
  const expected = expectedRows.map((row) => row.map(normalize));
  if (actual.length !== expected.length) return { match: false, reason: `${actual.length} rows, expected ${expected.length}` };
  const expectedWidth = expected[0]?.length ?? 0;
  const actualWidth = actual[0]?.length ?? 0;
  if (expected.length === 0) return { match: true };
  if (actualWidth < expectedWidth) return { match: false, reason: `${actualWidth} columns, expected at least ${expectedWidth}` };
  const options_ = Array.from({ length: expectedWidth }, (_, column) => candidates(actual, expected, actualWidth, column, tolerance));
  const missing = options_.findIndex((c) => c.length === 0);
  if (missing >= 0) return { match: false, reason: `no column holds the expected values of column ${missing + 1}` };
  const pick = (column: number, used: number[]): boolean => {
    if (column === expectedWidth) {
      return rowsMatch(actual.map((row) => used.map((at) => row[at] ?? null)), expected, options.ordered, tolerance);
    }
    return (options_[column] ?? []).some((at) => !used.includes(at) && pick(column + 1, [...used, at]));
  };
  if (pick(0, [])) return { match: true };
  return { match: false, reason: options.ordered ? "the values are there but not in the expected rows or order" : "the values are there but not in the expected rows" };
}
