import { loadCatalog } from "../catalog/load-catalog.js";
import type { Catalog } from "../catalog/model/catalog.js";
import { systemClock, type Clock } from "../shared/clock.js";
import type { Config } from "../shared/config.js";
import { loadAnthropicConfig, type AnthropicConfig } from "../shared/config-anthropic.js";
import type { Logger } from "../shared/logger.js";
import { createDuckDbRunStore } from "../shared/run-store/create-duckdb-run-store.js";
import type { RunStore } from "../shared/run-store/run-store.js";
import { createEngine, type Engine } from "../workers/engine/create-engine.js";
import type { Planner } from "../workers/planner/planner.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../workers/sources/source-adapter.js";
import { loadPiiKey } from "../workers/engine/substitute/load-pii-key.js";
import { createCliLogger } from "./create-cli-logger.js";
import { createPlanner, type PlannerChoice } from "./create-planner.js";

/** Everything `skiff ask` and `skiff sql` need, composed in one process. */
export interface Runtime {
  config: Config;
  logger: Logger;
  clock: Clock;
  catalog: Catalog;
  engine: Engine;
  planner: Planner;
  runStore: RunStore;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  catalogDir?: string;
  clock?: Clock;
  /** @defaultValue semantic */
  planner?: PlannerChoice;
  /** Needed for the Claude planner. @defaultValue no key (the Claude planner refuses to start) */
  anthropic?: AnthropicConfig;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = createCliLogger(config, { command: true });
  const clock = options.clock ?? systemClock;
  const catalog = await loadCatalog(options.catalogDir ?? config.catalogDir);
  const sources = new Map<string, SourceAdapter>();
  for (const source of catalog.sources.values()) sources.set(source.name, createSourceAdapter(source, config.sourceEnv, config.limits));
  const engine = createEngine({ catalog, sources, limits: config.limits, clock, logger, piiKey: await loadPiiKey(config.pii) });
  const planner = await createPlanner(options.planner ?? "semantic", { catalog, anthropic: options.anthropic ?? loadAnthropicConfig({}), logger });
  const runStore = createDuckDbRunStore({ path: config.runStorePath });
  return {
    config,
    logger,
    clock,
    catalog,
    engine,
    planner,
    runStore,
    async close() {
      engine.close();
      await Promise.allSettled([runStore.close(), ...[...sources.values()].map((s) => s.close())]);
      logger.flush();
    },
  };
}
