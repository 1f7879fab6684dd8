import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const demoCatalog = fileURLToPath(new URL("../../catalog/demo", import.meta.url));

/**
 * A copy of catalog/demo in a temp folder with one source turned into a
 * Postgres source at `url` (its tables keep their names: the `accounts`
 * schema `skiff demo load` writes, or a server that never answers). The
 * caller removes the folder.
 */
export async function writeChaosCatalog(source: "accounts" | "analytics" | "billing", url: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "skiff-chaos-catalog-"));
  await cp(demoCatalog, dir, { recursive: true });
  const path = join(dir, "sources.yaml");
  const text = await readFile(path, "utf8");
  const block = new RegExp(`( {2}- name: ${source}\\n)[\\s\\S]*?(?=\\n {2}- name: |\\n*$)`);
  if (!block.test(text)) throw new Error(`catalog/demo/sources.yaml has no source named ${source}`);
  await writeFile(path, text.replace(block, `$1    kind: postgres\n    description: The demo's ${source} on a Postgres server (chaos suite).\n    connection:\n      url: ${url}`), "utf8");
  return dir;
}
