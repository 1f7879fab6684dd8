import { access } from "node:fs/promises";
import { join } from "node:path";
import { seedDemoLake } from "../../workers/demo/seed-demo-lake.js";

/** The demo lake seeded at `asOf` (scale 1), cached under SKIFF_HOME/eval/ so repeated evals seed once. */
export async function ensureEvalLake(options: { home: string; asOf: Date; onSeed?: (path: string) => void }): Promise<string> {
  const stamp = options.asOf.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  const path = join(options.home, "eval", `demo-${stamp}.duckdb`);
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    options.onSeed?.(path);
    await seedDemoLake({ asOf: options.asOf, scale: 1, out: path });
  }
  return path;
}
