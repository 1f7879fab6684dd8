import type { PiiClass } from "../../../catalog/model/column-schema.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { GuardVerdict } from "../guard-sql.js";
import { functionName } from "../guard/function-name.js";
import { identifierText, isAstNode, walkAst, type AstNode } from "../guard/sql-ast.js";

/** One output column as far as the statement tells: its name when it has one, and the PII it carries. */
export interface PlannedOutput {
  name: string | undefined;
  pii: PiiClass | undefined;
  /** Came from a `*` expansion: its position is not known, only its name. */
  fromStar: boolean;
}

export interface PiiMaskPlan {
  outputs: PlannedOutput[];
  /** The analysis lost track somewhere (set operations over stars, shapes it does not know); match by name as well. */
  unsure: boolean;
  /** PII column names (lower case) of every table read: what an unsure match falls back to. */
  piiByName: ReadonlyMap<string, PiiClass>;
}

interface Relation {
  /** Names a qualifier may use: the alias, or the table's own name. */
  names: string[];
  columns: Map<string, PiiClass | undefined>;
  /** Columns unknown (table functions, unknown shapes). */
  opaque: boolean;
}

interface Scope {
  relations: Relation[];
  parent: Scope | undefined;
  ctes: ReadonlyMap<string, Relation>;
}

interface Outputs {
  columns: PlannedOutput[];
  unsure: boolean;
}

/** Functions whose result says how many, never which: a PII column inside them is not shown. */
const countingFunctions = new Set(["count", "approx_count_distinct"]);

/**
 * Works out which output columns of an admitted statement carry values of a PII
 * column: a select item referring to a PII column anywhere except inside
 * count(...) carries it, through aliases, subqueries, CTEs, UNION branches and
 * `*` expansions. Where it cannot tell, it errs toward masking.
 */
export function planPiiMask(verdict: GuardVerdict): PiiMaskPlan {
  const piiByName = new Map<string, PiiClass>();
  for (const column of verdict.piiColumns) if (!piiByName.has(column.column.toLowerCase())) piiByName.set(column.column.toLowerCase(), column.pii);
  if (piiByName.size === 0) return { outputs: [], unsure: false, piiByName };
  const analysis = new Analysis(verdict.bindings, piiByName);
  const outputs = analysis.query(verdict.statement, undefined, new Map());
  return { outputs: outputs.columns, unsure: outputs.unsure || analysis.unsure, piiByName };
}

class Analysis {
  unsure = false;

  constructor(
    private readonly bindings: ReadonlyMap<AstNode, Table>,
    private readonly piiByName: ReadonlyMap<string, PiiClass>,
  ) {}

  /** A select (possibly `{ ast }`-wrapped, possibly with UNION branches) → its output columns. */
  query(node: unknown, parent: Scope | undefined, ctes: ReadonlyMap<string, Relation>): Outputs {
    const select = isAstNode(node) && isAstNode(node.ast) ? node.ast : node;
    if (!isAstNode(select) || select.type !== "select") {
      this.unsure = true;
      return { columns: [], unsure: true };
    }
    const withCtes = this.ctes(select, parent, ctes);
    const scope: Scope = { relations: this.relations(select.from, parent, withCtes), parent, ctes: withCtes };
    const own = this.selectList(select.columns, scope);
    if (!isAstNode(select._next)) return own;
    return mergeBranches(own, this.query(select._next, parent, withCtes));
  }

  private ctes(select: AstNode, parent: Scope | undefined, outer: ReadonlyMap<string, Relation>): ReadonlyMap<string, Relation> {
    if (!Array.isArray(select.with)) return outer;
    const ctes = new Map(outer);
    for (const cte of select.with as unknown[]) {
      if (!isAstNode(cte)) continue;
      const name = identifierText(cte.name)?.toLowerCase();
      if (name === undefined) continue;
      // A recursive CTE's self-reference is opaque until its anchor says what the columns are.
      if (cte.recursive === true) ctes.set(name, { names: [name], columns: new Map(), opaque: true });
      const outputs = this.query(cte.stmt, parent, ctes);
      ctes.set(name, relationOf([name], outputs));
    }
    return ctes;
  }

  private relations(from: unknown, parent: Scope | undefined, ctes: ReadonlyMap<string, Relation>): Relation[] {
    const relations: Relation[] = [];
    const add = (items: unknown) => {
      if (!Array.isArray(items)) return;
      for (const item of items as unknown[]) {
        if (!isAstNode(item)) continue;
        const alias = aliasOf(item);
        const table = this.bindings.get(item);
        if (table) {
          const columns = new Map<string, PiiClass | undefined>(table.columns.map((column) => [column.name.toLowerCase(), column.pii]));
          relations.push({ names: [alias ?? table.name, (identifierText(item.table) ?? table.name).toLowerCase()], columns, opaque: false });
          continue;
        }
        const written = identifierText(item.table)?.toLowerCase();
        const cte = written === undefined ? undefined : ctes.get(written);
        if (cte) {
          relations.push({ ...cte, names: [alias ?? written as string] });
          continue;
        }
        const expr = item.expr;
        if (isAstNode(expr) && expr.type === "tables") {
          add(expr.expr);
          continue;
        }
        if (isAstNode(expr) && isAstNode(expr.ast)) {
          // LATERAL subqueries see the relations before them.
          const outputs = this.query(expr.ast, { relations: [...relations], parent, ctes }, ctes);
          relations.push(relationOf(alias === undefined ? [] : [alias], outputs));
          continue;
        }
        if (isAstNode(expr) && expr.type === "values") {
          relations.push({ names: alias === undefined ? [] : [alias], columns: new Map(), opaque: false });
          continue;
        }
        // Saved results in the scratch database, table functions: nothing the catalog marks as PII, columns unknown.
        relations.push({ names: [alias ?? written ?? ""], columns: new Map(), opaque: true });
      }
    };
    add(from);
    return relations;
  }

  private selectList(columns: unknown, scope: Scope): Outputs {
    const out: PlannedOutput[] = [];
    let unsure = false;
    if (!Array.isArray(columns)) return { columns: out, unsure: true };
    for (const item of columns as unknown[]) {
      if (!isAstNode(item)) continue;
      const expr = item.expr;
      if (isAstNode(expr) && expr.type === "column_ref" && expr.column === "*") {
        const qualifier = identifierText(expr.table)?.toLowerCase();
        const expanded = scope.relations.filter((relation) => qualifier === undefined || relation.names.includes(qualifier));
        if (expanded.length === 0 || expanded.some((relation) => relation.opaque)) unsure = true;
        for (const relation of expanded) {
          for (const [name, pii] of relation.columns) out.push({ name, pii, fromStar: true });
        }
        continue;
      }
      out.push({ name: outputName(item), pii: this.expressionPii(expr, scope), fromStar: false });
    }
    return { columns: out, unsure };
  }

  /** The PII class an expression shows, or undefined: any PII column it refers to outside count(...). */
  expressionPii(expr: unknown, scope: Scope): PiiClass | undefined {
    let found: PiiClass | undefined;
    walkAst(expr, (node) => {
      if (found !== undefined) return "skip";
      const name = functionName(node);
      if (name !== undefined && countingFunctions.has(name.slice(name.lastIndexOf(".") + 1))) return "skip";
      if (isAstNode(node.ast)) {
        const sub = this.query(node.ast, scope, scope.ctes);
        found = sub.columns.find((column) => column.pii !== undefined)?.pii ?? (sub.unsure ? this.anyPiiName(sub.columns) : undefined);
        return "skip";
      }
      if (node.type === "column_ref") {
        found = this.columnPii(node, scope);
        return "skip";
      }
      // DuckDB's method syntax: in `email.lower()` the receiver is a column.
      if (name !== undefined && isAstNode(node.name)) {
        const receiver = identifierText(node.name.schema);
        if (receiver !== undefined) found = this.resolve(undefined, receiver.toLowerCase(), scope);
      }
      return undefined;
    });
    return found;
  }

  private columnPii(ref: AstNode, scope: Scope): PiiClass | undefined {
    const column = typeof ref.column === "string" ? ref.column : identifierText(isAstNode(ref.column) ? ref.column.expr : undefined);
    if (column === "*") return undefined;
    if (column === undefined) {
      // Struct paths and other shapes: any identifier in it that names a PII column counts.
      this.unsure = true;
      let found: PiiClass | undefined;
      walkAst(ref, (node) => {
        for (const value of Object.values(node)) if (typeof value === "string") found ??= this.piiByName.get(value.toLowerCase());
      });
      return found;
    }
    return this.resolve(identifierText(ref.table)?.toLowerCase(), column.toLowerCase(), scope);
  }

  private resolve(qualifier: string | undefined, column: string, scope: Scope): PiiClass | undefined {
    for (let level: Scope | undefined = scope; level; level = level.parent) {
      const candidates = level.relations.filter((relation) =>
        qualifier === undefined ? relation.columns.has(column) || relation.opaque : relation.names.includes(qualifier),
      );
      if (candidates.length === 0) continue;
      for (const relation of candidates) {
        const pii = relation.columns.get(column) ?? (relation.opaque ? this.piiByName.get(column) : undefined);
        if (pii !== undefined) return pii;
      }
      return undefined;
    }
    // Nowhere to be found (an alias, a struct field, a name the walk missed): go by the name.
    return this.piiByName.get(column);
  }

  private anyPiiName(columns: readonly PlannedOutput[]): PiiClass | undefined {
    for (const column of columns) {
      const pii = column.name === undefined ? undefined : this.piiByName.get(column.name.toLowerCase());
      if (pii !== undefined) return pii;
    }
    return undefined;
  }
}

function relationOf(names: string[], outputs: Outputs): Relation {
  const columns = new Map<string, PiiClass | undefined>();
  for (const column of outputs.columns) {
    if (column.name === undefined) continue;
    const key = column.name.toLowerCase();
    columns.set(key, columns.get(key) ?? column.pii);
  }
  const opaque = outputs.unsure || outputs.columns.some((column) => column.name === undefined);
  return { names, columns, opaque };
}

/** UNION branches line up by position; any branch's PII marks the column. */
function mergeBranches(first: Outputs, next: Outputs): Outputs {
  const aligned = first.columns.length === next.columns.length && ![...first.columns, ...next.columns].some((column) => column.fromStar);
  return {
    columns: first.columns.map((column, index) => ({ ...column, pii: column.pii ?? next.columns[index]?.pii })),
    unsure: first.unsure || next.unsure || !aligned,
  };
}

function aliasOf(item: AstNode): string | undefined {
  const alias = identifierText(item.as);
  // `(values ...) v(a, b)` comes back as the alias "v(a, b)".
  return alias?.replace(/\(.*$/, "").toLowerCase() || undefined;
}

function outputName(item: AstNode): string | undefined {
  const alias = identifierText(item.as);
  if (alias !== undefined) return alias;
  const expr = item.expr;
  if (isAstNode(expr) && expr.type === "column_ref") {
    return typeof expr.column === "string" ? expr.column : identifierText(isAstNode(expr.column) ? expr.column.expr : undefined);
  }
  return undefined;
}
