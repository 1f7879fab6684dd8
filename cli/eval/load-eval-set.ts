import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import { loadCatalog } from "../../catalog/load-catalog.js";
import { evalSetSchema, type EvalSet } from "../../catalog/model/eval-set-schema.js";
import { SkiffError } from "../../shared/errors.js";

const evalFileSchema = z.object({ evals: evalSetSchema });

/** The eval set from `file` (a YAML file with an `evals:` section) or else from the catalog. */
export async function loadEvalSet(options: { catalogDir: string; file?: string }): Promise<EvalSet> {
  if (options.file) {
    const text = await readFile(options.file, "utf8").catch((error: unknown) => {
      throw new SkiffError("CONFIG_INVALID", `cannot read eval set ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const parsed = evalFileSchema.safeParse(parse(text));
    if (!parsed.success) throw new SkiffError("CONFIG_INVALID", `eval set ${options.file} is invalid:\n${z.prettifyError(parsed.error)}`);
    return parsed.data.evals;
  }
  const catalog = await loadCatalog(options.catalogDir);
  if (!catalog.evals) {
    throw new SkiffError("CONFIG_INVALID", `the catalog in ${options.catalogDir} has no evals section; add one (see catalog/demo/evals.yaml) or pass --set <file>`);
  }
  return catalog.evals;
}
