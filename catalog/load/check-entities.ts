import type { Catalog, Entity } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { CatalogEntry } from "./merge-catalog-files.js";
import { notFoundMessage } from "./not-found-message.js";

/** An entity's home table exists and holds its key and label columns. */
export function checkEntities(entities: readonly CatalogEntry<Entity>[], catalog: Catalog): CatalogIssue[] {
  return entities.flatMap(({ value: entity, issueAt }) => {
    const table = catalog.tables.get(entity.table);
    if (table === undefined) {
      const subject = `table "${entity.table}" is not declared`;
      return [issueAt(["table"], notFoundMessage(subject, entity.table, [...catalog.tables.keys()], "declare it under tables: or name the entity's home table as source.table"))];
    }
    const columns = table.columns.map((column) => column.name);
    const issues: CatalogIssue[] = [];
    for (const field of ["key", "label"] as const) {
      const column = entity[field];
      if (column === undefined || columns.includes(column)) continue;
      const subject = `${field} column "${column}" is not a column of ${entity.table}`;
      issues.push(issueAt([field], notFoundMessage(subject, column, columns, "name one of its columns")));
    }
    return issues;
  });
}
