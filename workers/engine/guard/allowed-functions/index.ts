import type { Dialect } from "../../../sql/dialect.js";
import { bigqueryAllowedFunctions } from "./bigquery.js";
import { clickhouseAggregateFunctions } from "./clickhouse-aggregates.js";
import { clickhouseAllowedFunctions } from "./clickhouse.js";
import { duckdbAllowedFunctions } from "./duckdb.js";
import { postgresAllowedFunctions } from "./postgres.js";
import { standardSqlFunctions } from "./standard.js";
import { trinoAllowedFunctions } from "./trino.js";

const lowerSet = (...lists: ReadonlyArray<readonly string[]>): ReadonlySet<string> => new Set(lists.flat().map((name) => name.toLowerCase()));
const without = (names: ReadonlySet<string>, left: readonly string[]): ReadonlySet<string> => new Set([...names].filter((name) => !left.includes(name)));

/**
 * DuckDB builds a list or a repeated value inside the process, outside its
 * memory_limit and before any cell cap can cut it: `SELECT range(500000) FROM t`
 * over a thousand rows took 6 GB. Functions that make a value many times larger
 * than their input stay off its list (generate_series and range are not on it at all).
 */
const duckdbUnbounded = ["repeat", "list_resize", "array_resize"];

/**
 * Per dialect, every function a statement may call, lower-cased (one data file
 * each). A function belongs on a list only if it computes from its arguments
 * alone: nothing that reads files, URLs, settings, sessions, other tables or
 * the query text, even when an engine's read-only mode would stop it.
 */
export const allowedFunctions: Readonly<Record<Dialect, ReadonlySet<string>>> = {
  duckdb: without(lowerSet(standardSqlFunctions, duckdbAllowedFunctions), duckdbUnbounded),
  postgres: lowerSet(standardSqlFunctions, postgresAllowedFunctions),
  clickhouse: lowerSet(standardSqlFunctions, clickhouseAggregateFunctions, clickhouseAllowedFunctions),
  bigquery: lowerSet(standardSqlFunctions, bigqueryAllowedFunctions),
  trino: lowerSet(standardSqlFunctions, trinoAllowedFunctions),
};

/** Namespaces that only hold the engine's own functions, so `pg_catalog.lower` is `lower`. */
const builtinPrefixes: Readonly<Record<Dialect, readonly string[]>> = {
  duckdb: [],
  postgres: ["pg_catalog."],
  clickhouse: [],
  bigquery: ["safe."],
  trino: [],
};

const clickhouseAggregates = lowerSet(clickhouseAggregateFunctions);
/** Suffixes that turn an aggregate into another aggregate (`-If`, `-Array`, `-State`, …). */
const clickhouseCombinators = ["simplestate", "mergestate", "ordefault", "resample", "distinct", "foreach", "ornull", "argmin", "argmax", "array", "merge", "state", "map", "if"];

/**
 * Whether a statement in this dialect may call the function. Matching ignores
 * case in every dialect: Postgres, DuckDB, BigQuery and Trino fold function
 * names, and in ClickHouse no name left off the list differs from one on it by
 * case only (a miscased name the engine does not know fails there). Qualified
 * names pass only under a builtin namespace (`pg_catalog.`, BigQuery's `SAFE.`,
 * `NET.HOST`) or as DuckDB's method syntax (`name.lower()` parses with the
 * receiver as the schema); ClickHouse aggregates take any chain of combinators.
 */
export function isAllowedFunction(dialect: Dialect, name: string): boolean {
  let lower = name.toLowerCase();
  const prefix = builtinPrefixes[dialect].find((candidate) => lower.startsWith(candidate));
  if (prefix !== undefined) lower = lower.slice(prefix.length);
  const names = allowedFunctions[dialect];
  if (names.has(lower)) return true;
  if (dialect === "clickhouse") return isCombinedAggregate(lower);
  const dot = lower.lastIndexOf(".");
  return dialect === "duckdb" && dot > 0 && names.has(lower.slice(dot + 1));
}

function isCombinedAggregate(name: string): boolean {
  const pending = [name];
  const seen = new Set<string>();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const combinator of clickhouseCombinators) {
      if (!next.endsWith(combinator) || next.length === combinator.length) continue;
      const base = next.slice(0, -combinator.length);
      if (clickhouseAggregates.has(base)) return true;
      if (!seen.has(base)) {
        seen.add(base);
        pending.push(base);
      }
    }
  }
  return false;
}
