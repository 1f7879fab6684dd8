import type { Catalog } from "../../catalog/model/catalog.js";
import { tableId } from "../../catalog/model/catalog.js";
import type { Table } from "../../catalog/model/table-schema.js";
import { resolveAttribute } from "../../catalog/resolve-attribute.js";
import { SkiffError } from "../../shared/errors.js";
import type { MetricFilter } from "./metric-query.js";
import { renderString } from "./render-literal.js";

/** A filter as SQL over the table: segments are catalog-authored; values are escaped literals. */
export function filterPredicate(catalog: Catalog, table: Table, filter: MetricFilter): string {
  if (filter.kind === "segment") {
    const segment = catalog.segments.get(filter.name);
    if (!segment || segment.table !== tableId(table)) {
      throw new SkiffError("UNANSWERABLE", `segment "${filter.name}" does not apply to ${tableId(table)}`);
    }
    return segment.where;
  }
  const attribute = resolveAttribute(catalog, table, filter.column);
  if (!attribute) throw new SkiffError("UNANSWERABLE", `${tableId(table)} has no column "${filter.column}" to filter on`);
  const literals = filter.values.map((v) => (typeof v === "number" ? String(v) : renderString(v)));
  return literals.length === 1 ? `${attribute.expression} = ${literals[0]}` : `${attribute.expression} IN (${literals.join(", ")})`;
}
