import type { Catalog } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import { checkDuplicateNames } from "./check-duplicate-names.js";
import { checkEntities } from "./check-entities.js";
import { checkGlossaryRefs } from "./check-glossary-refs.js";
import { checkMetrics } from "./check-metrics.js";
import { checkTableReferences } from "./check-table-references.js";
import { checkTables } from "./check-tables.js";
import type { MergedCatalogFiles } from "./merge-catalog-files.js";

/** Every check that needs more than one file: unique names and references between declarations. */
export function checkCatalog(merged: MergedCatalogFiles, catalog: Catalog): CatalogIssue[] {
  return [
    ...checkDuplicateNames(merged),
    ...checkTables(merged.tables, catalog),
    ...checkEntities(merged.entities, catalog),
    ...checkMetrics(merged.metrics, catalog),
    ...checkTableReferences("dimension", merged.dimensions, catalog),
    ...checkTableReferences("segment", merged.segments, catalog),
    ...checkGlossaryRefs(merged.glossary, catalog),
  ];
}
