/**
 * A node of node-sql-parser's AST, walked as plain data: its published types
 * miss shapes the guard must see (subqueries as `{ ast }`, parenthesised joins
 * as `{ type: "tables" }`, DuckDB method calls), and a guard that trusts a type
 * it cannot check would miss exactly those.
 */
export type AstNode = { readonly [key: string]: unknown };

export function isAstNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Calls `visit` on every node under `root` (root included), depth first. Returning `"skip"` skips a node's children. */
export function walkAst(root: unknown, visit: (node: AstNode) => "skip" | void): void {
  if (Array.isArray(root)) {
    for (const item of root) walkAst(item, visit);
    return;
  }
  if (!isAstNode(root)) return;
  if (visit(root) === "skip") return;
  for (const child of Object.values(root)) walkAst(child, visit);
}

/** The text of an identifier, whether the parser gave a bare string or `{ type, value }`. */
export function identifierText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isAstNode(value) && typeof value.value === "string") return value.value;
  return undefined;
}
