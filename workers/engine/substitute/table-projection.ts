import type { Table } from "../../../catalog/model/table-schema.js";
import type { Dialect } from "../../sql/dialect.js";
import { quoteIdentifier } from "../freshness/quote-identifier.js";
import type { PiiKey } from "./pii-key.js";
import { pseudonymSql } from "./pseudonym-sql.js";

/**
 * What a statement may see of a table: its reviewed catalog columns, each PII
 * column replaced by its keyed pseudonym under the column's own name. Columns
 * pending review are not there at all. Undefined when the table has nothing to
 * hide, so it is read as it is.
 */
export function tableProjection(table: Table, dialect: Dialect, key: PiiKey, writtenName: string): string | undefined {
  const hides = table.columns.some((column) => column.pii !== undefined || column.review === "pending");
  if (!hides) return undefined;
  const items = table.columns
    .filter((column) => column.review !== "pending")
    .map((column) => {
      const name = quoteIdentifier(dialect, column.name);
      return column.pii === undefined ? name : `${pseudonymSql(dialect, name, column.pii, key)} AS ${name}`;
    });
  // A table whose every column is closed still has rows: count(*) over it stays honest.
  const list = items.length > 0 ? items.join(", ") : "1 AS skiff_no_columns";
  return `(SELECT ${list} FROM ${writtenName})`;
}
