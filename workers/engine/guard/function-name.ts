import { identifierText, isAstNode, type AstNode } from "./sql-ast.js";

const functionTypes = new Set(["function", "aggr_func", "window_func"]);

/**
 * The called name of a function node, lower-cased and dotted (`pg_catalog.pg_read_file`,
 * `ml.predict`), or undefined when the node is not a call. DuckDB's method syntax
 * `'HOME'.getenv()` parses with the receiver as the "schema", so the last part is
 * always the function itself.
 */
export function functionName(node: AstNode): string | undefined {
  if (typeof node.type !== "string" || !functionTypes.has(node.type)) return undefined;
  const name = node.name;
  if (typeof name === "string") return name.toLowerCase();
  if (!isAstNode(name)) return undefined;
  const parts: string[] = [];
  const schema = identifierText(name.schema);
  if (schema !== undefined) parts.push(schema);
  // The Trino grammar gives the name's last part as one identifier, the others as arrays of them.
  for (const part of Array.isArray(name.name) ? (name.name as unknown[]) : [name.name]) {
    const text = identifierText(part);
    if (text !== undefined) parts.push(text);
  }
  return parts.length === 0 ? undefined : parts.join(".").toLowerCase();
}
