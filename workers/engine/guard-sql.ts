import type { Catalog } from "../../catalog/model/catalog.js";
import { physicalName, tableId } from "../../catalog/model/catalog.js";
import type { PiiClass } from "../../catalog/model/column-schema.js";
import type { Table } from "../../catalog/model/table-schema.js";
import type { Dialect } from "../sql/dialect.js";
import { checkFunctions } from "./guard/check-functions.js";
import { checkSqlComplexity } from "./guard/check-sql-complexity.js";
import { checkSqlTokens, type TokenCheck } from "./guard/check-sql-tokens.js";
import { checkTreeDepth } from "./guard/check-tree-depth.js";
import { collectTableReferences, type TableReferences } from "./guard/collect-table-references.js";
import { guardRejection } from "./guard/guard-rule.js";
import { matchesTable } from "./guard/match-table-reference.js";
import { parseSql, type ParsedSql } from "./guard/parse-sql.js";
import { requireOneTokenReading } from "./guard/require-one-token-reading.js";
import { scanSql, sqlReadings, type SqlScan } from "./guard/scan-sql.js";
import { walkAst, type AstNode } from "./guard/sql-ast.js";
import { tooComplexRejection } from "./guard/too-complex-rejection.js";

export { guardRuleNames, type GuardRuleName } from "./guard/guard-rule.js";
export type { AstNode } from "./guard/sql-ast.js";

/** A statement for a catalog source: it may read that source's queryable catalog tables. */
export interface SourceGuardInput {
  sql: string;
  source: string;
  dialect: Dialect;
  catalog: Catalog;
}

/** A `combine` statement over the run's scratch database: it may read the saved results only. */
export interface ScratchGuardInput {
  sql: string;
  dialect: Dialect;
  /** Names of the results saved in the scratch database. */
  allowedTables: readonly string[];
}

export type GuardInput = SourceGuardInput | ScratchGuardInput;

export interface PiiColumnRef {
  /** Catalog table id. */
  table: string;
  column: string;
  pii: PiiClass;
}

/** What the guard learnt about an admitted statement. */
export interface GuardVerdict {
  /** Catalog table ids the statement reads (saved-result names in scratch mode), first seen first. */
  tables: string[];
  /** The one parsed statement. */
  statement: AstNode;
  /** Each FROM item that names a catalog table, with the table. Masking resolves columns through it. */
  bindings: ReadonlyMap<AstNode, Table>;
  /** The PII columns of the tables read. */
  piiColumns: PiiColumnRef[];
  /** How often the statement names each catalog table read (by id): what table substitution must find in the text. */
  referenceCounts: ReadonlyMap<string, number>;
  /** Whether the parser read the statement, or only the token checks could (ClickHouse syntax the parser lacks). */
  readBy: "parser" | "tokens";
}

const writingStatements = new Set(["insert", "replace", "update", "delete", "create", "drop", "alter", "truncate", "rename", "grant", "revoke", "merge", "copy", "attach", "set", "call", "use", "lock", "load", "install", "transaction"]);

/** Case rules for identifiers: DuckDB and Trino ignore case even in quotes; the others may not. */
function caseSensitive(dialect: Dialect): boolean {
  return dialect !== "duckdb" && dialect !== "trino";
}

/**
 * Admits one read-only statement or throws SkiffError SQL_REJECTED naming the
 * rule that fired ({@link guardRuleNames}) and what to do instead. Nothing runs
 * before this passes; adapters still run what passes under their engines' own
 * read-only modes.
 */
export function guardSql(input: GuardInput): GuardVerdict {
  checkSqlComplexity(input.sql);
  try {
    return guardWithinCaps(input);
  } catch (error) {
    // The parser and the walks recurse; a shape the caps did not foresee must
    // still come back as a refusal, not as an internal error.
    if (error instanceof RangeError) throw tooComplexRejection("the statement nests too deeply for Skiff to check");
    throw error;
  }
}

function guardWithinCaps(input: GuardInput): GuardVerdict {
  const { sql, dialect } = input;
  startsLikeAQuery(sql);
  const scans = scanEveryReading(sql);
  requireOneTokenReading(sql);
  // ClickHouse has much syntax the parser cannot read: its token checks run on
  // every statement, and alone decide (conservatively) what the parser cannot read.
  const tokens = dialect === "clickhouse" && "catalog" in input ? checkSqlTokens(sql, dialect) : undefined;
  let parsed: ParsedSql;
  try {
    parsed = parse(sql, dialect);
  } catch (error) {
    if (tokens === undefined || !("catalog" in input) || error instanceof RangeError) throw error;
    noSemicolonInComments(scans);
    return admitByTokens(input, tokens);
  }
  checkTreeDepth(parsed.statements);
  const statement = oneStatement(parsed);
  noSemicolonInComments(scans);
  readOnly(statement);
  noInto(statement);
  checkFunctions(statement, dialect);
  const refs = collectTableReferences(statement, { caseSensitive: caseSensitive(dialect), splitDottedParts: dialect === "bigquery" });
  crossCheckTableList(parsed.tableList, refs, caseSensitive(dialect));
  return "catalog" in input ? admitCatalogTables(input, statement, refs) : admitScratchTables(input, statement, refs);
}

const queryStarts = new Set(["select", "with", "values", "table", "from"]);

/**
 * COPY, ATTACH, PRAGMA, INSTALL and friends are outside the parser's grammar;
 * saying "only queries run here" tells the agent more than a parse error would.
 */
function startsLikeAQuery(sql: string): void {
  const code = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, "");
  if (code.startsWith("(")) return;
  const keyword = /^[A-Za-z_]+/.exec(code)?.[0];
  if (keyword !== undefined && !queryStarts.has(keyword.toLowerCase())) {
    throw guardRejection("read-only", `only queries run here, and this starts with ${keyword.toUpperCase()}; send a SELECT (WITH … SELECT and UNION are fine)`);
  }
}

/** DuckDB shorthands the parser's grammar lacks, and the plain SQL to write instead. */
const unsupportedShorthands: readonly { pattern: RegExp; instead: string }[] = [
  { pattern: /\bgroup\s+by\s+all\b/i, instead: "list the GROUP BY columns instead of GROUP BY ALL" },
  { pattern: /\bqualify\b/i, instead: "filter the window function in an outer query instead of QUALIFY" },
  { pattern: /^\s*from\b/i, instead: "start with SELECT instead of FROM" },
  { pattern: /\*\s*(exclude|replace)\s*\(/i, instead: "list the columns instead of * EXCLUDE/REPLACE" },
];

function parse(sql: string, dialect: Dialect): ParsedSql {
  try {
    return parseSql(sql, dialect);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    const shorthand = unsupportedShorthands.find((entry) => entry.pattern.test(sql));
    const instead = shorthand ? shorthand.instead : "rewrite it as a plain SELECT";
    throw guardRejection("parse", `Skiff could not read this SQL${parserHint(error)}; ${instead}`);
  }
}

/** node-sql-parser lists every token it expected; where it stopped and what it found is the useful part. */
function parserHint(error: unknown): string {
  if (!(error instanceof Error)) return "";
  const found = / but (.+) found\.?$/.exec(error.message)?.[1];
  const location = (error as { location?: { start?: { line?: number; column?: number } } }).location?.start;
  const where = location?.line !== undefined ? `line ${location.line}, column ${location.column ?? "?"}` : "";
  if (!found && !where) return ` (${(error.message.split("\n")[0] ?? "").slice(0, 120)})`;
  return ` (stopped at ${[where, found ? `at ${found}` : ""].filter(Boolean).join(", ")})`;
}

/**
 * Splits the SQL the way every engine might ({@link sqlReadings}) before the
 * parser reads it one way: a batch must be refused as a batch even when the
 * parser would read it as one statement, or cannot read it at all.
 */
function scanEveryReading(sql: string): SqlScan[] {
  const scans: SqlScan[] = [];
  for (const reading of sqlReadings) {
    const scan = scanSql(sql, reading);
    if (!scan) throw guardRejection("parse", "a quote or comment is never closed (or closes differently depending on the engine); rewrite it as a plain SELECT");
    if (scan.statements.length !== 1) throw guardRejection("one-statement", "send exactly one statement");
    scans.push(scan);
  }
  return scans;
}

function oneStatement(parsed: ParsedSql): AstNode {
  const [statement, ...more] = parsed.statements;
  if (!statement || more.length > 0) throw guardRejection("one-statement", "send exactly one statement");
  return statement;
}

function noSemicolonInComments(scans: readonly SqlScan[]): void {
  // Where a comment ends is exactly where engines and parsers disagree; a
  // semicolon inside one is never needed and is how a second statement hides.
  if (scans.some((scan) => scan.comments.some((comment) => comment.includes(";")))) {
    throw guardRejection("comment", "a comment holds a semicolon; remove the comment");
  }
}

function readOnly(statement: AstNode): void {
  if (statement.type !== "select") {
    throw guardRejection("read-only", `only queries run here, and this is ${describeType(statement.type)}; send a SELECT (WITH … SELECT and UNION are fine)`);
  }
  walkAst(statement, (node) => {
    if (typeof node.type === "string" && writingStatements.has(node.type.toLowerCase())) {
      throw guardRejection("read-only", `the query contains ${describeType(node.type)}; send a SELECT that only reads`);
    }
  });
}

function describeType(type: unknown): string {
  if (typeof type !== "string") return "not a query";
  return `${/^[aeiou]/i.test(type) ? "an" : "a"} ${type.toUpperCase()} statement`;
}

function noInto(statement: AstNode): void {
  walkAst(statement, (node) => {
    const into = node.into;
    if (node.type === "select" && into !== null && typeof into === "object") {
      const target = into as { position?: unknown; expr?: unknown };
      if ((target.position ?? null) !== null || (target.expr ?? null) !== null) {
        throw guardRejection("into", "SELECT … INTO writes a table; drop the INTO clause and select the rows");
      }
    }
  });
}

/**
 * The parser keeps its own list of tables; any it found that the walk did not is
 * a shape the walk does not know, so the statement is refused rather than trusted.
 */
function crossCheckTableList(tableList: readonly string[], refs: TableReferences, exact: boolean): void {
  const norm = (name: string) => (exact ? name : name.toLowerCase());
  const seen = new Set(refs.tables.map((ref) => norm(ref.parts[ref.parts.length - 1] ?? "")));
  for (const entry of tableList) {
    const [kind, , table] = entry.split("::");
    if (kind !== "select") throw guardRejection("read-only", `the query contains a ${kind?.toUpperCase() ?? "non-SELECT"} part; send a SELECT that only reads`);
    const last = norm((table ?? "").split(".").pop() ?? "");
    if (!seen.has(last) && !refs.cteNames.has(last)) {
      throw guardRejection("unknown-table", `Skiff could not place the table ${table ?? "?"}; name catalog tables directly in FROM or JOIN`);
    }
  }
}

function refuseTableFunctions(refs: TableReferences, allowed: string): void {
  const [fn] = refs.tableFunctions;
  if (fn !== undefined) throw guardRejection("unknown-table", `${fn}(…) in FROM is a table function, not a catalog table; read ${allowed}`);
}

function admitCatalogTables(input: SourceGuardInput, statement: AstNode, refs: TableReferences): GuardVerdict {
  const { catalog, source, dialect } = input;
  const all = [...catalog.tables.values()];
  const own = all.filter((table) => table.source === source);
  const queryable = own.filter((table) => table.review !== "pending");
  const exact = caseSensitive(dialect);
  const offer = () => {
    const names = queryable.map((table) => physicalName(table));
    if (names.length === 0) return `source ${source} has no queryable tables in the catalog`;
    return `tables of source ${source}: ${names.slice(0, 12).join(", ")}${names.length > 12 ? ", …" : ""}`;
  };
  refuseTableFunctions(refs, `the ${offer()}`);

  const tables: string[] = [];
  const bindings = new Map<AstNode, Table>();
  const referenceCounts = new Map<string, number>();
  for (const ref of refs.tables) {
    if (ref.cte) continue;
    const written = ref.parts.join(".");
    const match = queryable.find((table) => matchesTable(ref.parts, table, exact));
    if (match) {
      bindings.set(ref.node, match);
      if (!tables.includes(tableId(match))) tables.push(tableId(match));
      referenceCounts.set(tableId(match), (referenceCounts.get(tableId(match)) ?? 0) + 1);
      continue;
    }
    const pending = own.find((table) => matchesTable(ref.parts, table, exact));
    if (pending) {
      throw guardRejection("unknown-table", `${tableId(pending)} is pending review in the catalog and cannot be queried until someone reviews it; use the ${offer()}`);
    }
    const elsewhere = all.find((table) => table.source !== source && matchesTable(ref.parts, table, exact));
    if (elsewhere) {
      throw guardRejection("unknown-table", `${written} belongs to source ${elsewhere.source}, not ${source}; query it on ${elsewhere.source} and combine the results`);
    }
    const bare = ref.parts.length === 1 ? queryable.find((table) => physicalName(table).split(".").pop()?.toLowerCase() === written.toLowerCase()) : undefined;
    const hint = bare ? `write it as ${physicalName(bare)}` : `use the ${offer()}`;
    throw guardRejection("unknown-table", `${written} is not a catalog table of source ${source}; ${hint}`);
  }

  const piiColumns: PiiColumnRef[] = [];
  for (const id of tables) {
    const table = catalog.tables.get(id);
    for (const column of table?.columns ?? []) {
      if (column.pii !== undefined) piiColumns.push({ table: id, column: column.name, pii: column.pii });
    }
  }
  return { tables, statement, bindings, piiColumns, referenceCounts, readBy: "parser" };
}

/**
 * The fallback verdict for SQL only the token checks could read: the tables
 * must be catalog tables of the source. What the statement may see of them is
 * settled by table substitution, which reads tokens too and needs no parse.
 */
function admitByTokens(input: SourceGuardInput, tokens: TokenCheck): GuardVerdict {
  const statement: AstNode = { type: "select" };
  const refs: TableReferences = { tables: tokens.tables.map((ref) => ({ node: {}, parts: ref.parts, cte: false })), tableFunctions: [], cteNames: new Set() };
  return { ...admitCatalogTables(input, statement, refs), bindings: new Map(), readBy: "tokens" };
}

function admitScratchTables(input: ScratchGuardInput, statement: AstNode, refs: TableReferences): GuardVerdict {
  const saved = input.allowedTables;
  const offer = saved.length === 0 ? "nothing has been saved yet; save query results first" : `saved results: ${saved.join(", ")}`;
  refuseTableFunctions(refs, `the ${offer}`);
  const tables: string[] = [];
  for (const ref of refs.tables) {
    if (ref.cte) continue;
    const written = ref.parts.join(".");
    const match = ref.parts.length === 1 ? saved.find((name) => name.toLowerCase() === written.toLowerCase()) : undefined;
    if (match === undefined) throw guardRejection("unknown-table", `${written} is not a saved result of this run; ${offer}`);
    if (!tables.includes(match)) tables.push(match);
  }
  return { tables, statement, bindings: new Map(), piiColumns: [], referenceCounts: new Map(), readBy: "parser" };
}
