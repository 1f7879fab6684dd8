import type { Catalog } from "../../catalog/model/catalog.js";
import { physicalName } from "../../catalog/model/catalog.js";
import type { Table } from "../../catalog/model/table-schema.js";
import type { TimeWindow } from "../engine/planned-query.js";
import type { Dialect } from "./dialect.js";
import { filterPredicate } from "./filter-predicate.js";
import type { MetricFilter } from "./metric-query.js";
import { windowPredicate } from "./window-predicate.js";

export interface MemberQuery {
  table: Table;
  /** Columns to return: the entity key first, then labels. */
  columns: string[];
  timeColumn: string;
  window?: TimeWindow;
  /** A predicate the metric always applies (its `filter`). */
  where?: string;
  filters: MetricFilter[];
}

/** Lists the rows of an entity set ("zones that signed up today") as key + label columns. */
export function compileMemberQuery(catalog: Catalog, query: MemberQuery, dialect: Dialect): string {
  const predicates = [
    query.where,
    query.window ? windowPredicate(query.table, query.timeColumn, query.window, dialect) : undefined,
    ...query.filters.map((f) => filterPredicate(catalog, query.table, f)),
  ].filter((p): p is string => p !== undefined);
  const lines = [`SELECT ${query.columns.join(", ")}`, `FROM ${physicalName(query.table)}`];
  if (predicates.length > 0) lines.push(`WHERE ${predicates.map((p) => (predicates.length > 1 ? `(${p})` : p)).join(" AND ")}`);
  lines.push(`ORDER BY ${query.columns[0]}`);
  return lines.join("\n");
}
