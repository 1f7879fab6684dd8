import type { Dialect } from "../../sql/dialect.js";
import { isAllowedFunction } from "./allowed-functions/index.js";
import { functionName } from "./function-name.js";
import { functionRejection } from "./function-rejection.js";
import { guardRejection } from "./guard-rule.js";
import { isAstNode, walkAst, type AstNode } from "./sql-ast.js";

/** Session functions that Postgres and DuckDB call without parentheses: the parser reads `SELECT user` as a column. */
const sessionKeywords = new Set(["user", "current_user", "session_user", "system_user", "current_role", "current_schema", "current_catalog"]);

/**
 * Refuses every call, in any clause and any subquery, to a function that is not
 * on the dialect's allowlist ({@link isAllowedFunction}), and the bare session
 * keywords the parser takes for columns. Table functions in FROM are checked
 * here too: one on the list still fails later as "not a catalog table".
 */
export function checkFunctions(statement: AstNode, dialect: Dialect): void {
  walkAst(statement, (node) => {
    const name = functionName(node);
    if (name !== undefined) {
      const quoted = quotedMiscasedName(node, dialect);
      if (quoted !== undefined) throw functionRejection(quoted, dialect);
      if (!isAllowedFunction(dialect, name)) throw functionRejection(name, dialect);
      return;
    }
    const keyword = sessionKeyword(node, dialect);
    if (keyword !== undefined) {
      throw guardRejection(
        "function",
        `${keyword} reads the session and is not on Skiff's list of functions for ${dialect} SQL; use plain functions over catalog tables (a column of that name is written "${keyword}", in double quotes)`,
      );
    }
  });
}

/**
 * Postgres folds an unquoted name to lower case but keeps a quoted one, so
 * `"LOWER"(x)` calls some other function than `lower(x)` does; the list only
 * vouches for the folded spelling.
 */
function quotedMiscasedName(node: AstNode, dialect: Dialect): string | undefined {
  if (dialect !== "postgres" || !isAstNode(node.name)) return undefined;
  const parts = [node.name.schema, ...(Array.isArray(node.name.name) ? (node.name.name as unknown[]) : [])];
  for (const part of parts) {
    if (isAstNode(part) && part.type === "double_quote_string" && typeof part.value === "string" && part.value !== part.value.toLowerCase()) {
      return `"${part.value}"`;
    }
  }
  return undefined;
}

function sessionKeyword(node: AstNode, dialect: Dialect): string | undefined {
  if ((dialect !== "postgres" && dialect !== "duckdb") || node.type !== "column_ref" || (node.table ?? null) !== null) return undefined;
  const column = node.column;
  const written = typeof column === "string" ? column : isAstNode(column) && isAstNode(column.expr) && column.expr.type === "default" ? column.expr.value : undefined;
  return typeof written === "string" && sessionKeywords.has(written.toLowerCase()) ? written : undefined;
}
