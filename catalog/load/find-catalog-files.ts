import { readdir } from "node:fs/promises";
import { join } from "node:path";

const catalogFile = /\.ya?ml$/i;

/**
 * Every `*.yaml` / `*.yml` under `dir`, relative to it with `/` separators,
 * in code-point order so every machine merges files the same way. Hidden
 * entries (`.git`, editor swap folders) and `node_modules` are skipped.
 */
export async function findCatalogFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  await walk(dir, "", found);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function walk(root: string, relative: string, found: string[]): Promise<void> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) await walk(root, path, found);
    else if (entry.isFile() && catalogFile.test(entry.name)) found.push(path);
  }
}
