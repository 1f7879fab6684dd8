import { guardRejection } from "./guard-rule.js";
import { tokenizeSql, type SqlToken } from "./tokenize-sql.js";

/**
 * Refuses SQL whose strings end in different places depending on whether a
 * backslash escapes a quote. The parser reads one way (node-sql-parser's
 * Postgres grammar takes `\'` as an escape) and Postgres the other (standard
 * strings), so `SELECT 'a\' , x FROM t --'` would be a query of nothing to
 * the guard and a read of `t` to the engine. Admitted SQL reads the same
 * under both; a backslash before a quote is never needed in a query.
 */
export function requireOneTokenReading(sql: string): void {
  const standard = tokenizeSql(sql, false);
  const escaped = tokenizeSql(sql, true);
  if (!standard || !escaped || !sameTokens(standard, escaped)) {
    throw guardRejection("parse", "a string literal ends in a different place depending on whether a backslash escapes its quote; write the quote as '' instead of \\'");
  }
}

function sameTokens(a: readonly SqlToken[], b: readonly SqlToken[]): boolean {
  return a.length === b.length && a.every((token, i) => token.start === b[i]?.start && token.end === b[i]?.end && token.kind === b[i]?.kind);
}
