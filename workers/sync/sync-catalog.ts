import { loadCatalog } from "../../catalog/load-catalog.js";
import { SkiffError } from "../../shared/errors.js";
import { createSourceAdapter } from "../sources/create-source-adapter.js";
import { introspectSource } from "./introspect-source.js";
import { writeSyncedTables, type SyncSummary } from "./write-synced-tables.js";

export interface SyncCatalogOptions {
  catalogDir: string;
  source: string;
  /** What `${VAR}` connection references resolve against. */
  env: Readonly<Record<string, string>>;
}

/**
 * `skiff catalog sync`: introspects one source and writes what the catalog
 * lacks as `review: pending`, then reloads the catalog; if the result would
 * not load, the files are put back as they were and the problem is reported.
 */
export async function syncCatalog(options: SyncCatalogOptions): Promise<SyncSummary> {
  const catalog = await loadCatalog(options.catalogDir);
  const source = catalog.sources.get(options.source);
  if (!source) throw new SkiffError("UNKNOWN_SOURCE", `the catalog has no source named ${options.source}; sources: ${[...catalog.sources.keys()].join(", ")}`);
  const adapter = createSourceAdapter(source, options.env);
  try {
    const tables = await introspectSource(adapter, source);
    const written = await writeSyncedTables(catalog.dir, source.name, tables);
    try {
      await loadCatalog(catalog.dir);
    } catch (error) {
      await written.restore();
      throw error;
    }
    return { addedTables: written.addedTables, addedColumns: written.addedColumns, skipped: written.skipped, files: written.files };
  } finally {
    await adapter.close();
  }
}
