import type { Catalog, Table } from "../model/index.js";
import { tableId } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { PathSegment } from "./format-path.js";
import type { CatalogEntry } from "./merge-catalog-files.js";
import { notFoundMessage } from "./not-found-message.js";

/** A table's source, entity, join keys and the columns its freshness, sampling and retention rely on. */
export function checkTables(tables: readonly CatalogEntry<Table>[], catalog: Catalog): CatalogIssue[] {
  return tables.flatMap((entry) => checkTable(entry, catalog));
}

function checkTable(entry: CatalogEntry<Table>, catalog: Catalog): CatalogIssue[] {
  const table = entry.value;
  const id = tableId(table);
  const issues: CatalogIssue[] = [];
  const columns = table.columns.map((column) => column.name);
  const requireColumn = (path: PathSegment[], column: string, role: string): void => {
    if (columns.includes(column)) return;
    issues.push(entry.issueAt(path, notFoundMessage(`${role} "${column}" is not a column of ${id}`, column, columns, "name one of its columns")));
  };
  const entities = (): string[] => [...catalog.entities.keys()];

  if (!catalog.sources.has(table.source)) {
    const subject = `source "${table.source}" is not declared`;
    issues.push(entry.issueAt(["source"], notFoundMessage(subject, table.source, [...catalog.sources.keys()], "declare it under sources:")));
  }
  if (table.entity !== undefined) {
    const entity = catalog.entities.get(table.entity);
    if (entity === undefined) {
      const subject = `entity "${table.entity}" is not declared`;
      issues.push(entry.issueAt(["entity"], notFoundMessage(subject, table.entity, entities(), "declare it under entities:")));
    } else if (entity.table !== id) {
      issues.push(
        entry.issueAt(["entity"], `entity "${entity.name}" has its home in ${entity.table}, not ${id}; a table names an entity only when it is that entity's home table (use keys: for join columns)`),
      );
    }
  }
  for (const [entityName, column] of Object.entries(table.keys)) {
    if (!catalog.entities.has(entityName)) {
      const subject = `join key for entity "${entityName}", which is not declared`;
      issues.push(entry.issueAt(["keys", entityName], notFoundMessage(subject, entityName, entities(), "declare it under entities:")));
    }
    requireColumn(["keys", entityName], column, "join key column");
  }
  if (table.freshness !== undefined) requireColumn(["freshness", "column"], table.freshness.column, "freshness column");
  if (table.sampling !== undefined) requireColumn(["sampling", "weight"], table.sampling.weight, "sampling weight column");
  if (table.retention !== undefined) requireColumn(["retention", "column"], table.retention.column, "retention column");
  return issues;
}
