import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SkiffError } from "../shared/errors.js";
import type { CatalogIssue } from "./load/catalog-issue.js";
import { buildCatalog } from "./load/build-catalog.js";
import { catalogInvalidError } from "./load/catalog-invalid-error.js";
import { checkCatalog } from "./load/check-catalog.js";
import { displayDir } from "./load/display-dir.js";
import { findCatalogFiles } from "./load/find-catalog-files.js";
import { mergeCatalogFiles } from "./load/merge-catalog-files.js";
import { parseCatalogFile } from "./load/parse-catalog-file.js";
import type { ParsedCatalogFile } from "./load/parsed-catalog-file.js";
import type { Catalog } from "./model/index.js";

const whatItHolds =
  "it should hold the catalog's YAML files (*.yaml or *.yml, in any sub-folders) declaring sources:, tables:, entities:, metrics:, dimensions:, segments:, glossary: and evals: (catalog/demo is an example; catalog/schema.json is the schema)";

/**
 * Loads every `*.yaml` / `*.yml` file under `dir` (recursively, in a fixed
 * order), validates each against the catalog schema, merges their sections
 * and cross-checks names and references.
 *
 * Tables and columns marked `review: pending` are loaded; see `isQueryable`.
 *
 * @throws SkiffError `CATALOG_INVALID` listing every problem as
 *   `file:line:col path: what was expected`, or naming the folder when it is
 *   missing or holds no catalog files.
 */
export async function loadCatalog(dir: string): Promise<Catalog> {
  const absolute = resolve(dir);
  const label = displayDir(dir);
  await requireFolder(absolute, label);
  const files = await findCatalogFiles(absolute);
  if (files.length === 0) {
    throw new SkiffError("CATALOG_INVALID", `catalog folder ${label} holds no .yaml or .yml files; ${whatItHolds}`, { detail: { dir: absolute } });
  }

  const parsed: ParsedCatalogFile[] = [];
  const issues: CatalogIssue[] = [];
  for (const file of files) {
    const result = parseCatalogFile(join(label, file), await readCatalogFile(absolute, label, file));
    if (result.ok) parsed.push(result.file);
    else issues.push(...result.issues);
  }
  // Cross-checks on a partly broken catalog would mostly report echoes of the first problems.
  if (issues.length > 0) throw catalogInvalidError(absolute, label, issues);

  const merged = mergeCatalogFiles(parsed);
  const catalog = buildCatalog(absolute, merged);
  const crossIssues = checkCatalog(merged, catalog);
  if (crossIssues.length > 0) throw catalogInvalidError(absolute, label, crossIssues);
  if (catalog.tables.size === 0) {
    throw new SkiffError("CATALOG_INVALID", `catalog folder ${label} declares no tables; ${whatItHolds}`, { detail: { dir: absolute } });
  }
  return catalog;
}

async function requireFolder(absolute: string, label: string): Promise<void> {
  const info = await stat(absolute).catch((error: unknown) => {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const what = missing ? "does not exist" : "cannot be read";
    throw new SkiffError("CATALOG_INVALID", `catalog folder ${label} ${what} (${absolute}); ${whatItHolds}`, { cause: error, detail: { dir: absolute } });
  });
  if (!info.isDirectory()) {
    throw new SkiffError("CATALOG_INVALID", `catalog folder ${label} is a file, not a folder; ${whatItHolds}`, { detail: { dir: absolute } });
  }
}

async function readCatalogFile(absolute: string, label: string, file: string): Promise<string> {
  try {
    return await readFile(join(absolute, file), "utf8");
  } catch (error) {
    throw new SkiffError("CATALOG_INVALID", `cannot read catalog file ${join(label, file)}`, { cause: error, detail: { dir: absolute, file } });
  }
}
