import type { Column, Table } from "./model/index.js";

/**
 * Whether the planner, the guard and search may use a table or column.
 * Entries `catalog sync` added stay `review: pending` until a person reviews
 * them: they load (so the review can see them) but are never queried.
 */
export function isQueryable(item: Pick<Table, "review"> | Pick<Column, "review">): boolean {
  return item.review !== "pending";
}

/** The columns of a table that may be queried (none when the table itself is pending). */
export function queryableColumns(table: Pick<Table, "review" | "columns">): Column[] {
  return isQueryable(table) ? table.columns.filter(isQueryable) : [];
}
