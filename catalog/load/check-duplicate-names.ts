import { tableId } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { PathSegment } from "./format-path.js";
import type { CatalogEntry, MergedCatalogFiles } from "./merge-catalog-files.js";

/**
 * Names must be unique within their kind across all files: the planner and
 * the run record refer to things by name, and a second declaration would
 * silently lose. Also columns within a table, eval question ids, and the
 * single evals section.
 */
export function checkDuplicateNames(merged: MergedCatalogFiles): CatalogIssue[] {
  return [
    ...duplicates("source", merged.sources, (source) => source.name, ["name"]),
    ...duplicates("table", merged.tables, tableId, ["name"]),
    ...duplicates("entity", merged.entities, (entity) => entity.name, ["name"]),
    ...duplicates("metric", merged.metrics, (metric) => metric.name, ["name"]),
    ...duplicates("dimension", merged.dimensions, (dimension) => dimension.name, ["name"]),
    ...duplicates("segment", merged.segments, (segment) => segment.name, ["name"]),
    ...duplicates("glossary term", merged.glossary, (term) => term.term.toLowerCase(), ["term"]),
    ...merged.tables.flatMap((table) => duplicatesWithin(table, "columns", table.value.columns.map((column) => column.name), (name) => `column "${name}" in ${tableId(table.value)}`)),
    ...merged.evals.flatMap((evals) => duplicatesWithin(evals, "questions", evals.value.questions.map((question) => question.id), (id) => `eval question id "${id}"`, "id")),
    ...merged.evals.slice(1).map((evals) =>
      evals.issueAt([], `evals are already declared at ${place(merged.evals[0]?.issueAt([], ""))}; keep one evals section for the whole catalog`),
    ),
  ];
}

function duplicates<T>(kind: string, entries: readonly CatalogEntry<T>[], key: (value: T) => string, at: PathSegment[]): CatalogIssue[] {
  const seen = new Map<string, CatalogEntry<T>>();
  const issues: CatalogIssue[] = [];
  for (const entry of entries) {
    const name = key(entry.value);
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, entry);
      continue;
    }
    issues.push(entry.issueAt(at, `duplicate ${kind} "${name}": already declared at ${place(first.issueAt(at, ""))}; rename or remove one of them`));
  }
  return issues;
}

function duplicatesWithin<T>(entry: CatalogEntry<T>, list: string, names: readonly string[], what: (name: string) => string, field = "name"): CatalogIssue[] {
  const seen = new Set<string>();
  return names.flatMap((name, index) => {
    if (!seen.has(name)) {
      seen.add(name);
      return [];
    }
    return [entry.issueAt([list, index, field], `duplicate ${what(name)}; rename or remove one of them`)];
  });
}

/** `catalog/demo/tables/zones.yaml:3:5`, named like every file in the report. */
function place(issue: CatalogIssue | undefined): string {
  if (issue === undefined) return "another file";
  return issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.col ?? 1}`;
}
