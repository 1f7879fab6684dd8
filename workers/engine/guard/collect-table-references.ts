import { functionName } from "./function-name.js";
import { identifierText, isAstNode, type AstNode } from "./sql-ast.js";

export interface TableReference {
  /** The FROM item; masking uses it to find the table again. */
  node: AstNode;
  /** Name parts as written, outermost first: `[schema, table]`, `[catalog, schema, table]` or `[table]`. */
  parts: string[];
  /** True when the name is a CTE in scope at this point, not a table. */
  cte: boolean;
}

export interface TableReferences {
  tables: TableReference[];
  /** Functions used as FROM items (`range(10)`, `read_csv(...)`), by name. */
  tableFunctions: string[];
  /** Every CTE name defined anywhere in the statement. */
  cteNames: Set<string>;
}

export interface CollectOptions {
  /** Compare CTE names exactly (Postgres, ClickHouse, BigQuery) or ignoring case (DuckDB, Trino). */
  caseSensitive: boolean;
  /** BigQuery writes `project.dataset.table` inside one pair of backticks: split such parts on dots. */
  splitDottedParts: boolean;
}

/**
 * Finds every table a statement names, with CTE scoping: a CTE is visible to the
 * query it belongs to and to the CTEs after it, to itself only under RECURSIVE,
 * and nowhere else, so a CTE cannot hide a table of the same name elsewhere in
 * the statement. Any node that carries a table name and is not a column is taken
 * as a table reference, wherever it sits: missing a reference would let it
 * through, finding one too many only refuses.
 */
export function collectTableReferences(statement: AstNode, options: CollectOptions): TableReferences {
  const key = (name: string) => (options.caseSensitive ? name : name.toLowerCase());
  const found: TableReferences = { tables: [], tableFunctions: [], cteNames: new Set() };

  const visit = (value: unknown, scope: ReadonlySet<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, scope);
      return;
    }
    if (!isAstNode(value)) return;
    if (typeof value.table === "string" && value.type !== "column_ref") {
      const parts = tableParts(value, options.splitDottedParts);
      found.tables.push({ node: value, parts, cte: parts.length === 1 && scope.has(key(parts[0] as string)) });
    }
    let inner = scope;
    if (Array.isArray(value.with)) {
      for (const cte of value.with as unknown[]) {
        if (!isAstNode(cte)) continue;
        const name = identifierText(cte.name);
        const withSelf = name !== undefined && cte.recursive === true ? new Set([...inner, key(name)]) : inner;
        visit(cte.stmt, withSelf);
        visit(cte.columns, withSelf);
        if (name !== undefined) {
          inner = new Set([...inner, key(name)]);
          found.cteNames.add(key(name));
        }
      }
    }
    for (const [field, child] of Object.entries(value)) {
      // `surround` records how a name was quoted (`{ table: "`" }`), not a table.
      if (field === "with" || field === "surround") continue;
      if (field === "from") collectTableFunctions(child, found.tableFunctions);
      visit(child, inner);
    }
  };

  visit(statement, new Set());
  return found;
}

function tableParts(node: AstNode, splitDotted: boolean): string[] {
  const raw = [identifierText(node.db), identifierText(node.schema), identifierText(node.table)].filter(
    (part): part is string => part !== undefined && part !== "",
  );
  return splitDotted ? raw.flatMap((part) => part.split(".")) : raw;
}

function collectTableFunctions(from: unknown, into: string[]): void {
  if (!Array.isArray(from)) return;
  for (const item of from as unknown[]) {
    if (!isAstNode(item)) continue;
    const expr = item.expr;
    if (!isAstNode(expr)) continue;
    // A parenthesised join list holds FROM items of its own.
    if (expr.type === "tables") collectTableFunctions(expr.expr, into);
    const name = functionName(expr);
    if (name !== undefined) into.push(name);
    else if (typeof expr.type === "string" && expr.type !== "tables" && expr.type !== "values" && !isAstNode(expr.ast)) into.push(expr.type);
  }
}
