import type { Catalog } from "../model/index.js";
import { tableId } from "../model/index.js";
import type { CatalogEntry, MergedCatalogFiles } from "./merge-catalog-files.js";

/** The maps of a {@link Catalog}. A duplicate name keeps its first declaration; the duplicate check reports the rest. */
export function buildCatalog(dir: string, merged: MergedCatalogFiles): Catalog {
  return {
    dir,
    sources: byKey(merged.sources, (source) => source.name),
    tables: byKey(merged.tables, tableId),
    entities: byKey(merged.entities, (entity) => entity.name),
    metrics: byKey(merged.metrics, (metric) => metric.name),
    dimensions: byKey(merged.dimensions, (dimension) => dimension.name),
    segments: byKey(merged.segments, (segment) => segment.name),
    glossary: merged.glossary.map((entry) => entry.value),
    evals: merged.evals[0]?.value,
  };
}

function byKey<T>(entries: readonly CatalogEntry<T>[], key: (value: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const { value } of entries) {
    const name = key(value);
    if (!map.has(name)) map.set(name, value);
  }
  return map;
}
