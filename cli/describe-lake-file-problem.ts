import { open } from "node:fs/promises";
import { resolve } from "node:path";
import type { Catalog } from "../catalog/model/catalog.js";
import { resolveEnvReferences } from "../workers/sources/resolve-env-references.js";

/** Bytes 8–11 of every DuckDB database file. */
const duckDbMagic = "DUCK";

async function header(path: string): Promise<string | undefined> {
  const file = await open(path, "r").catch(() => undefined);
  if (!file) return undefined;
  try {
    const bytes = Buffer.alloc(12);
    const { bytesRead } = await file.read(bytes, 0, 12, 0);
    return bytes.subarray(8, bytesRead).toString("latin1");
  } finally {
    await file.close();
  }
}

/**
 * Why a run on this catalog could not read its DuckDB files, as one line for
 * the person at the terminal (with the path, which run records leave out):
 * the first of `sources` that is a DuckDB source whose file is missing or is
 * not a DuckDB database. Undefined when their files look right.
 */
export async function describeLakeFileProblem(catalog: Catalog, env: Readonly<Record<string, string>>, sources: Iterable<string>): Promise<string | undefined> {
  for (const name of new Set(sources)) {
    const source = catalog.sources.get(name);
    if (source?.kind !== "duckdb" || source.connection.path === undefined) continue;
    let path: string;
    try {
      path = resolve(resolveEnvReferences(source.connection.path, env, source.name));
    } catch {
      continue;
    }
    const demo = env.SKIFF_DEMO_DB !== undefined && path === resolve(env.SKIFF_DEMO_DB);
    const magic = await header(path);
    if (magic === undefined) {
      return `there is no DuckDB file at ${path} (source ${source.name}); ${demo ? "write the demo lake with skiff demo seed" : `create it, or point the source's connection.path at one`}`;
    }
    if (magic !== duckDbMagic) {
      const fix = demo ? "reseed it with skiff demo seed (which replaces the file), or delete it" : "restore it from a copy, or point the source's connection.path at a DuckDB file";
      return `${path} (source ${source.name}) is not a DuckDB database (damaged, or another kind of file); ${fix}`;
    }
  }
  return undefined;
}
