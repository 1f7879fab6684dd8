import nodeSqlParser from "node-sql-parser";
import type { Dialect } from "../../sql/dialect.js";
import { isAstNode, type AstNode } from "./sql-ast.js";

const parser = new nodeSqlParser.Parser();

/**
 * node-sql-parser has no DuckDB or ClickHouse grammar; their analytical SELECTs
 * are close enough to Postgres that its grammar reads them, and what it cannot
 * read is refused rather than guessed at.
 */
const parserDatabase: Record<Dialect, string> = {
  duckdb: "PostgresQL",
  postgres: "PostgresQL",
  clickhouse: "PostgresQL",
  bigquery: "BigQuery",
  trino: "Trino",
};

export interface ParsedSql {
  statements: AstNode[];
  /** The parser's own list of tables (`type::schema::table`), a second opinion on what the statement reads. */
  tableList: string[];
}

/** @throws the parser's error when it cannot read the SQL. */
export function parseSql(sql: string, dialect: Dialect): ParsedSql {
  const parsed = parser.parse(sql, { database: parserDatabase[dialect] });
  const ast: unknown = parsed.ast;
  const statements = (Array.isArray(ast) ? (ast as unknown[]) : [ast]).filter(isAstNode);
  return { statements, tableList: parsed.tableList };
}
