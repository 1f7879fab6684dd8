import type { Catalog } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { CatalogEntry } from "./merge-catalog-files.js";
import { notFoundMessage } from "./not-found-message.js";

/** Dimensions and segments are SQL over one table, which must be declared. */
export function checkTableReferences(kind: string, entries: readonly CatalogEntry<{ table: string }>[], catalog: Catalog): CatalogIssue[] {
  return entries.flatMap(({ value, issueAt }) => {
    if (catalog.tables.has(value.table)) return [];
    const subject = `table "${value.table}" is not declared`;
    return [issueAt(["table"], notFoundMessage(subject, value.table, [...catalog.tables.keys()], `declare it under tables: or name the ${kind}'s table as source.table`))];
  });
}
