import type { Catalog } from "./model/catalog.js";
import type { Column } from "./model/column-schema.js";
import type { Dimension } from "./model/dimension-schema.js";
import type { Entity } from "./model/entity-schema.js";
import type { Table } from "./model/table-schema.js";
import { tableId } from "./model/catalog.js";

/** Something a metric can be grouped or filtered by, resolved on one table. */
export type Attribute =
  | { kind: "column"; name: string; expression: string; column: Column }
  | { kind: "dimension"; name: string; expression: string; dimension: Dimension }
  | { kind: "entity"; name: string; expression: string; entity: Entity; column: Column };

/**
 * Resolves a column, declared dimension or entity name on a table. Entities
 * resolve to their key column there (`account` on billing.usage_daily is `account_id`).
 */
export function resolveAttribute(catalog: Catalog, table: Table, name: string): Attribute | undefined {
  const id = tableId(table);
  const dimension = catalog.dimensions.get(name);
  if (dimension && dimension.table === id) return { kind: "dimension", name, expression: dimension.expression, dimension };
  const entity = catalog.entities.get(name);
  const keyColumn = entity ? table.keys[entity.name] : undefined;
  if (entity && keyColumn) {
    const column = table.columns.find((c) => c.name === keyColumn);
    if (column) return { kind: "entity", name: keyColumn, expression: keyColumn, entity, column };
  }
  const column = table.columns.find((c) => c.name === name && c.review !== "pending");
  if (column) return { kind: "column", name, expression: name, column };
  return undefined;
}
