import { physicalName, tableId } from "../../../catalog/model/catalog.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { Dialect } from "../../sql/dialect.js";
import { guardRejection } from "../guard/guard-rule.js";
import { tokenizeSql, type SqlToken } from "../guard/tokenize-sql.js";
import { quoteIdentifier } from "../freshness/quote-identifier.js";

export interface SubstituteTablesInput {
  /** The statement as the guard admitted it. */
  sql: string;
  dialect: Dialect;
  /** The catalog tables the statement reads, with how often the guard saw each named. */
  tables: readonly Table[];
  referenceCounts: ReadonlyMap<string, number>;
  /**
   * The projection that stands in for a table, given the table's name exactly as
   * the statement wrote it: `(SELECT … FROM <name>)`. Undefined leaves the table as it is.
   */
  projectionFor: (table: Table, writtenName: string) => string | undefined;
}

export interface SubstituteTablesOutcome {
  /** The statement to run: every reference to a substituted table replaced by its projection. */
  sql: string;
  /** The tables that were substituted. */
  substituted: Table[];
  /** Each splice: the text put in, and the text it replaced. Engines that name a column after its expression (DuckDB) quote the first. */
  splices: { inserted: string; written: string }[];
  /** The statement's tokens (standard reading), when anything was substituted: what the PII caveat reads. */
  tokens: SqlToken[];
}

interface Mention {
  table: Table;
  start: number;
  end: number;
  /** An alias follows the name (`t a`, `t AS a`, `t AS a(x, y)`): the projection keeps it. */
  aliased: boolean;
}

/** Words after a table name that continue the statement rather than alias the table. */
const notAliases = new Set([
  "where", "group", "order", "limit", "having", "join", "inner", "left", "right", "full", "cross", "outer", "any", "all", "asof",
  "semi", "anti", "array", "global", "on", "using", "union", "except", "intersect", "final", "sample", "prewhere", "window",
  "natural", "offset", "format", "settings", "into", "qualify", "tablesample", "positional", "lateral", "pivot", "unpivot",
  "fetch", "for", "and", "or", "not", "when", "then", "else", "end", "is", "in", "between", "like", "ilike", "select", "from",
]);

/**
 * Replaces every reference to a catalog table in a statement's text by a
 * projection of that table (PII columns pseudonymised, closed columns left
 * out), before the statement runs: whatever the statement does with the table
 * afterwards — stars, whole-row references, alias lists, predicates, casts that
 * fail — it can only ever see the projection.
 *
 * The text is spliced, not regenerated from the parse, so the engine runs the
 * statement as written. Every place the table's name stands on its own is a
 * reference; their number must equal what the guard counted, under every
 * reading of backslashes, or the statement is refused: a mention Skiff cannot
 * place is a mention it cannot substitute.
 */
export function substituteTables(input: SubstituteTablesInput): SubstituteTablesOutcome {
  const { sql, dialect } = input;
  const projections = new Map<string, { table: Table; build: (written: string) => string | undefined }>();
  for (const table of input.tables) {
    if (input.projectionFor(table, physicalName(table)) === undefined) continue;
    projections.set(tableId(table), { table, build: (written) => input.projectionFor(table, written) });
  }
  if (projections.size === 0) return { sql, substituted: [], splices: [], tokens: [] };

  const targets = [...projections.values()].map((entry) => entry.table);
  const tokenized = [false, true].map((backslashes) => {
    const tokens = tokenizeSql(sql, backslashes);
    if (!tokens) throw guardRejection("parse", "a quote or comment is never closed (or closes differently depending on the engine); rewrite it as a plain SELECT");
    return tokens;
  });
  const [standard, escaped] = tokenized as [SqlToken[], SqlToken[]];
  const mentions = findMentions(standard, targets, dialect);
  const other = findMentions(escaped, targets, dialect);
  if (!sameMentions(mentions, other)) {
    throw guardRejection("substitution", `quotes in this statement read differently depending on the engine, and it reads ${describe(targets)}; write string literals without backslashes`);
  }
  for (const table of targets) {
    const found = mentions.filter((mention) => mention.table === table).length;
    const expected = input.referenceCounts.get(tableId(table)) ?? 0;
    if (found !== expected) {
      throw guardRejection(
        "substitution",
        `${physicalName(table)} holds columns Skiff must mask, and Skiff could not place every mention of its name in this statement (${found} found, ${expected} in FROM/JOIN); name it only in FROM or JOIN, give it an alias, and qualify columns by that alias`,
      );
    }
  }

  let rewritten = sql;
  const splices: SubstituteTablesOutcome["splices"] = [];
  for (const mention of [...mentions].sort((a, b) => b.start - a.start)) {
    const written = sql.slice(mention.start, mention.end);
    const projection = projections.get(tableId(mention.table))?.build(written);
    if (projection === undefined) continue;
    const alias = mention.aliased ? "" : ` AS ${quoteIdentifier(dialect, lastPart(mention.table))}`;
    rewritten = `${rewritten.slice(0, mention.start)}${projection}${alias}${rewritten.slice(mention.end)}`;
    splices.push({ inserted: `${projection}${alias}`, written });
  }
  return { sql: rewritten, substituted: targets, splices, tokens: standard };
}

/** Every maximal dotted name (`a`, `a.b`, `"a"."b"`) that is exactly a target table's physical name and not a call. */
function findMentions(tokens: readonly SqlToken[], targets: readonly Table[], dialect: Dialect): Mention[] {
  const mentions: Mention[] = [];
  const isName = (token: SqlToken | undefined) => token?.kind === "word" || token?.kind === "quoted";
  const isDot = (token: SqlToken | undefined) => token?.kind === "punct" && token.text === ".";
  const exact = dialect !== "duckdb" && dialect !== "trino";
  let index = 0;
  while (index < tokens.length) {
    const first = tokens[index] as SqlToken;
    if (!isName(first) || isDot(tokens[index - 1])) {
      index += 1;
      continue;
    }
    const parts = [first];
    let last = index;
    while (isDot(tokens[last + 1]) && isName(tokens[last + 2])) {
      parts.push(tokens[last + 2] as SqlToken);
      last += 2;
    }
    const next = tokens[last + 1];
    const called = next?.kind === "punct" && next.text === "(";
    // BigQuery writes `project.dataset.table` inside one pair of backticks.
    const names = parts.flatMap((part) => (dialect === "bigquery" && part.kind === "quoted" ? part.text.split(".") : [part.text]));
    const table = called ? undefined : targets.find((candidate) => sameName(names, physicalName(candidate).split("."), exact));
    if (table) {
      mentions.push({ table, start: first.start, end: (tokens[last] as SqlToken).end, aliased: startsAlias(next) });
    }
    index = last + 1;
  }
  return mentions;
}

function sameName(written: readonly string[], physical: readonly string[], exact: boolean): boolean {
  if (written.length !== physical.length) return false;
  return written.every((part, i) => (exact ? part === physical[i] : part.toLowerCase() === (physical[i] ?? "").toLowerCase()));
}

function startsAlias(next: SqlToken | undefined): boolean {
  if (next === undefined) return false;
  if (next.kind === "quoted") return true;
  if (next.kind !== "word") return false;
  const word = next.text.toLowerCase();
  return word === "as" || !notAliases.has(word);
}

function sameMentions(a: readonly Mention[], b: readonly Mention[]): boolean {
  return a.length === b.length && a.every((mention, i) => mention.start === b[i]?.start && mention.end === b[i]?.end && mention.table === b[i]?.table);
}

function lastPart(table: Table): string {
  return physicalName(table).split(".").pop() ?? table.name;
}

function describe(tables: readonly Table[]): string {
  return tables.map((table) => physicalName(table)).join(", ");
}
