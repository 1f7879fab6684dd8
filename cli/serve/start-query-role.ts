import { loadCatalog } from "../../catalog/load-catalog.js";
import type { RunningRole } from "../../shared/running-role.js";
import { createEngine } from "../../workers/engine/create-engine.js";
import { loadPiiKey } from "../../workers/engine/substitute/load-pii-key.js";
import { startQueryWorker } from "../../workers/queues/start-query-worker.js";
import { createSourceAdapter } from "../../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../../workers/sources/source-adapter.js";
import type { RoleContext } from "./role-context.js";

/** The query worker role: the real engine over the catalog's sources, behind their query queues. */
export async function startQueryRole(ctx: RoleContext): Promise<RunningRole> {
  const { config } = ctx;
  const logger = ctx.logger.child({ role: "query" });
  const catalog = await loadCatalog(config.catalogDir);
  const sources = new Map<string, SourceAdapter>();
  for (const source of catalog.sources.values()) sources.set(source.name, createSourceAdapter(source, config.sourceEnv, config.limits));
  const engine = createEngine({ catalog, sources, limits: config.limits, clock: ctx.clock, logger, piiKey: await loadPiiKey(config.pii) });
  const worker = await startQueryWorker({ config: ctx.queue, catalog, engine, logger });
  return {
    async close() {
      await worker.close();
      engine.close();
      await Promise.allSettled([...sources.values()].map((s) => s.close()));
    },
  };
}
