export * from "./model/index.js";
export { loadCatalog } from "./load-catalog.js";
export { isQueryable, queryableColumns } from "./is-queryable.js";
export type { CatalogIssue } from "./load/catalog-issue.js";
export { formatCatalogIssue } from "./load/format-catalog-issue.js";
export { createCatalogSearch, catalogSearchKinds } from "./search-catalog.js";
export type { CatalogHit, CatalogSearch, CatalogSearchKind, CatalogSearchOptions } from "./search-catalog.js";
export { catalogJsonSchema, catalogJsonSchemaText, writeCatalogJsonSchema } from "./write-json-schema.js";
