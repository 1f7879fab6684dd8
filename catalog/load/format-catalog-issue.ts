import type { CatalogIssue } from "./catalog-issue.js";

/** `catalog/demo/tables/zones.yaml:14:9 tables[0].columns[3].pii: expected …` — the shape editors and terminals link. */
export function formatCatalogIssue(issue: CatalogIssue): string {
  const where = issue.line === undefined ? "" : `:${issue.line}:${issue.col ?? 1}`;
  const path = issue.path === "" ? "" : ` ${issue.path}`;
  return `${issue.file}${where}${path}: ${issue.message}`;
}
