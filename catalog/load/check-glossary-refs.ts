import type { Catalog, GlossaryTerm } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { CatalogEntry } from "./merge-catalog-files.js";
import { notFoundMessage } from "./not-found-message.js";

/** A glossary term points at catalog names; a dangling ref would send the planner nowhere. */
export function checkGlossaryRefs(glossary: readonly CatalogEntry<GlossaryTerm>[], catalog: Catalog): CatalogIssue[] {
  const known = [
    ...catalog.tables.keys(),
    ...catalog.metrics.keys(),
    ...catalog.entities.keys(),
    ...catalog.dimensions.keys(),
    ...catalog.segments.keys(),
  ];
  const names = new Set(known);
  return glossary.flatMap(({ value, issueAt }) =>
    value.refs.flatMap((ref, index) => {
      if (names.has(ref)) return [];
      const subject = `ref "${ref}" names no table (source.table), metric, entity, dimension or segment`;
      return [issueAt(["refs", index], notFoundMessage(subject, ref, known, "fix the name or remove the ref"))];
    }),
  );
}
