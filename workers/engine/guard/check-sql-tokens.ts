import type { Dialect } from "../../sql/dialect.js";
import { isAllowedFunction } from "./allowed-functions/index.js";
import { functionRejection } from "./function-rejection.js";
import { guardRejection } from "./guard-rule.js";
import type { SqlToken } from "./tokenize-sql.js";
import { tokenizeSql } from "./tokenize-sql.js";

/** Keywords that start or smuggle in something other than a read, refused wherever they appear as words. */
const writingWords = new Set([
  "insert", "update", "delete", "alter", "drop", "create", "truncate", "rename", "attach", "detach", "optimize", "system", "kill",
  "grant", "revoke", "set", "use", "exchange", "move", "copy", "call", "exec", "execute", "pragma", "load", "install", "show",
  "describe", "explain", "watch", "check", "backup", "restore", "undrop", "merge", "upsert", "vacuum", "analyze", "lock",
]);
const clauseStarts = new Set(["select", "with"]);
/** Words after a table name that are clauses or joins, not an alias. */
const notAliases = new Set([
  "where", "group", "order", "limit", "having", "join", "inner", "left", "right", "full", "cross", "outer", "any", "all", "asof",
  "semi", "anti", "array", "global", "on", "using", "union", "except", "intersect", "final", "sample", "prewhere", "window", "as", "natural", "offset", "format", "settings", "into",
]);

/** Words before a parenthesis that make it a subquery or a group, not a function's arguments. */
const groupingWords = new Set(["from", "join", "in", "as", "select", "where", "and", "or", "not", "on", "exists", "union", "all", "with", "when", "then", "else", "having", "by", "using", "any", "some"]);

/**
 * Keywords a parenthesis may follow without making a call (`OVER (…)`,
 * `EXCEPT (col)`, `x BETWEEN (…)`). None names a function that reads anything,
 * so the allowlist need not vouch for them.
 */
const keywordsBeforeParenthesis = new Set([
  ...groupingWords, "over", "filter", "within", "group", "values", "distinct", "prewhere", "limit", "offset", "between", "like", "ilike",
  "except", "intersect", "is", "interval", "window", "case", "global", "div", "lateral", "recursive", "sets", "qualify",
]);

/** ClickHouse types written with arguments: after AS or `::`, `Decimal(10, 2)` is a type, not a call. */
const parameterizedTypes = new Set([
  "nullable", "lowcardinality", "decimal", "decimal32", "decimal64", "decimal128", "decimal256", "numeric", "datetime", "datetime64",
  "time64", "fixedstring", "varchar", "char", "array", "tuple", "map", "nested", "enum", "enum8", "enum16", "variant", "json", "object",
]);

/**
 * Table functions that make rows from nothing (numbers(10)): in FROM they are
 * refused only for not being catalog tables, not for what they read.
 */
const rowGenerators = new Set(["numbers", "numbers_mt", "zeros", "zeros_mt", "generaterandom", "generate_series", "generateseries", "null"]);

export interface TokenTableReference {
  parts: string[];
}

export interface TokenCheck {
  /** Every `FROM`/`JOIN` table path, as written (CTE names removed). */
  tables: TokenTableReference[];
  /** Every word and quoted identifier, for the PII check. */
  names: Set<string>;
  /** True when `*` is selected somewhere other than inside count(*). */
  star: boolean;
}

/**
 * The token-level layer under the parser, and the conservative fallback where
 * the parser cannot read a dialect's syntax (ClickHouse has much): the
 * statement must start a query; no writing keyword, INTO OUTFILE, SETTINGS or
 * FORMAT may appear as a word outside string literals; every call is to a
 * function on the dialect's allowlist ({@link isAllowedFunction}); and every
 * FROM/JOIN item is a subquery or a plain table path (table functions and
 * `IN table` are refused). Checked under both readings of backslashes so a
 * quote cannot hide a word from one of them.
 */
export function checkSqlTokens(sql: string, dialect: Dialect): TokenCheck {
  let check: TokenCheck | undefined;
  for (const backslash of [true, false]) {
    const tokens = tokenizeSql(sql, backslash);
    if (!tokens) throw guardRejection("parse", "a quote or comment is never closed (or closes differently depending on the engine); rewrite it as a plain SELECT");
    check = checkTokens(tokens, dialect);
  }
  return check as TokenCheck;
}

function checkTokens(tokens: readonly SqlToken[], dialect: Dialect): TokenCheck {
  const word = (index: number) => (tokens[index]?.kind === "word" ? (tokens[index]?.text ?? "").toLowerCase() : undefined);
  const punct = (index: number, text: string) => tokens[index]?.kind === "punct" && tokens[index]?.text === text;
  const first = tokens.findIndex((token) => !(token.kind === "punct" && token.text === "("));
  if (first === -1 || !clauseStarts.has(word(first) ?? "")) {
    const start = tokens[first]?.text ?? "nothing";
    throw guardRejection("read-only", `only queries run here, and this starts with ${start.toUpperCase()}; send a SELECT (WITH … SELECT and UNION are fine)`);
  }
  const ctes = new Set<string>();
  tokens.forEach((_, index) => {
    const name = tokens[index];
    if ((word(index - 1) === "with" || punct(index - 1, ",")) && (name?.kind === "word" || name?.kind === "quoted") && word(index + 1) === "as" && punct(index + 2, "(")) ctes.add(name.text.toLowerCase());
  });

  const tables: TokenTableReference[] = [];
  const names = new Set<string>();
  let star = false;
  // What each open parenthesis holds: a function's arguments (FROM inside one,
  // as in EXTRACT(DAY FROM ts) or trim(BOTH ' ' FROM s), names no table), a
  // type's parameters, or a group or subquery.
  const parens: Array<"call" | "type" | "group"> = [];
  const isType = (index: number) =>
    parameterizedTypes.has(word(index) ?? "") &&
    (word(index - 1) === "as" || (punct(index - 1, ":") && punct(index - 2, ":")) || ((punct(index - 1, "(") || punct(index - 1, ",")) && parens.at(-1) === "type"));
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as SqlToken;
    const lower = word(index);
    if (punct(index, "(")) parens.push(isType(index - 1) ? "type" : word(index - 1) !== undefined && !groupingWords.has(word(index - 1) ?? "") ? "call" : "group");
    if (punct(index, ")")) parens.pop();
    if (token.kind === "word" || token.kind === "quoted") names.add(token.text.toLowerCase());
    if (punct(index, "*") && !(punct(index - 1, "(") && punct(index + 1, ")") && word(index - 2) === "count")) star = true;
    if ((token.kind === "word" || token.kind === "quoted") && punct(index + 1, "(")) {
      if (lower === "columns") throw guardRejection("function", "COLUMNS(…) selects columns by pattern, which Skiff cannot check; list the columns");
      if (!keywordsBeforeParenthesis.has(lower ?? "") && !isType(index)) {
        const name = qualifiedName(tokens, index);
        if (!isAllowedFunction(dialect, name)) throw functionRejection(name, dialect);
      }
      continue;
    }
    if (lower === undefined) continue;
    if (lower === "into" && ["outfile", "dumpfile"].includes(word(index + 1) ?? "")) throw guardRejection("into", "INTO OUTFILE writes a file; drop it and select the rows");
    if (lower === "into") throw guardRejection("into", "INTO writes a table or file; drop the INTO clause and select the rows");
    if (dialect === "clickhouse" && (lower === "settings" || lower === "format")) {
      throw guardRejection("settings", `${lower.toUpperCase()} overrides are Skiff's to set (limits, read-only, output); drop the ${lower.toUpperCase()} clause`);
    }
    if (writingWords.has(lower)) throw guardRejection("read-only", `the statement contains ${lower.toUpperCase()}; send a SELECT that only reads`);
    if (lower === "in" && (tokens[index + 1]?.kind === "word" || tokens[index + 1]?.kind === "quoted") && !punct(index + 2, "(")) {
      throw guardRejection("unknown-table", "IN followed by a table name reads that table; write IN (SELECT … FROM a catalog table)");
    }
    if ((lower === "from" && parens.at(-1) !== "call") || lower === "join") index = readTableList(tokens, index + 1, tables, ctes, dialect);
  }
  return { tables, names, star };
}

/** Reads `path [AS alias] [, path …]` after FROM/JOIN; returns the index of the last token consumed. */
function readTableList(tokens: readonly SqlToken[], start: number, tables: TokenTableReference[], ctes: ReadonlySet<string>, dialect: Dialect): number {
  let index = start;
  for (;;) {
    const token = tokens[index];
    if (!token) throw guardRejection("parse", "FROM or JOIN is not followed by a table; name a catalog table");
    if (token.kind === "punct" && token.text === "(") return index - 1;
    if (token.kind !== "word" && token.kind !== "quoted") throw guardRejection("unknown-table", `FROM or JOIN is followed by ${token.text}; name a catalog table`);
    const parts = [token.text];
    while (tokens[index + 1]?.kind === "punct" && tokens[index + 1]?.text === "." && (tokens[index + 2]?.kind === "word" || tokens[index + 2]?.kind === "quoted")) {
      parts.push(tokens[index + 2]?.text ?? "");
      index += 2;
    }
    if (tokens[index + 1]?.kind === "punct" && tokens[index + 1]?.text === "(") {
      const name = parts.join(".");
      if (!isAllowedFunction(dialect, name) && !rowGenerators.has(name.toLowerCase())) throw functionRejection(name, dialect);
      throw guardRejection("unknown-table", `${name}(…) in FROM is a table function, not a catalog table; read catalog tables`);
    }
    if (!(parts.length === 1 && ctes.has((parts[0] ?? "").toLowerCase()))) tables.push({ parts });
    index += 1;
    const next = tokens[index];
    if (next?.kind === "word" && next.text.toLowerCase() === "as") index += 2;
    else if ((next?.kind === "word" && !notAliases.has(next.text.toLowerCase())) || next?.kind === "quoted") index += 1;
    if (!(tokens[index]?.kind === "punct" && tokens[index]?.text === ",")) return index - 1;
    index += 1;
  }
}

/** The called name with any `a.b.` qualifier written before it, as written. */
function qualifiedName(tokens: readonly SqlToken[], index: number): string {
  const parts = [tokens[index]?.text ?? ""];
  let at = index;
  while (tokens[at - 1]?.kind === "punct" && tokens[at - 1]?.text === "." && (tokens[at - 2]?.kind === "word" || tokens[at - 2]?.kind === "quoted")) {
    parts.unshift(tokens[at - 2]?.text ?? "");
    at -= 2;
  }
  return parts.join(".");
}
