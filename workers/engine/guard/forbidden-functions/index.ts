import type { Dialect } from "../../../sql/dialect.js";
import { bigqueryForbiddenFunctions } from "./bigquery.js";
import { clickhouseForbiddenFunctions } from "./clickhouse.js";
import { duckdbForbiddenFunctions } from "./duckdb.js";
import { postgresForbiddenFunctions } from "./postgres.js";
import { trinoForbiddenFunctions } from "./trino.js";

/** Per dialect, the functions no statement may call (one data file each). */
export const forbiddenFunctions: Readonly<Record<Dialect, readonly string[]>> = {
  duckdb: duckdbForbiddenFunctions,
  postgres: postgresForbiddenFunctions,
  clickhouse: clickhouseForbiddenFunctions,
  bigquery: bigqueryForbiddenFunctions,
  trino: trinoForbiddenFunctions,
};

const compiled = new Map<string, RegExp>();

function patternRegExp(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (!regExp) {
    const body = pattern
      .split("*")
      .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    regExp = new RegExp(`^${body}$`);
    compiled.set(pattern, regExp);
  }
  return regExp;
}

/**
 * The list entry a called function matches, or undefined. Both the whole dotted
 * name and its last part are tried, so `pg_catalog.pg_read_file` and DuckDB's
 * `'x'.getenv()` are caught like the bare call.
 */
export function findForbiddenFunction(dialect: Dialect, name: string): string | undefined {
  const lower = name.toLowerCase();
  const last = lower.slice(lower.lastIndexOf(".") + 1);
  return forbiddenFunctions[dialect].find((pattern) => {
    const regExp = patternRegExp(pattern);
    return regExp.test(lower) || regExp.test(last);
  });
}
