import type { DemoServersConfig } from "../../../shared/config-demo-servers.js";
import { loadIntoClickHouse } from "./load-into-clickhouse.js";
import { loadIntoPostgres } from "./load-into-postgres.js";

export interface LoadDemoServersSummary {
  tables: Record<string, number>;
  ms: number;
}

/**
 * Loads the demo lake into real servers, as the demo-servers catalog expects
 * them: accounts and zones into Postgres (schema `accounts`), sampled requests
 * into ClickHouse. Both loads run at once; each replaces what a previous load left.
 */
export async function loadDemoServers(lake: string, config: DemoServersConfig): Promise<LoadDemoServersSummary> {
  const started = performance.now();
  const [postgres, clickhouse] = await Promise.all([loadIntoPostgres(lake, config.postgresUrl), loadIntoClickHouse(lake, config.clickhouseUrl, config.clickhouseDatabase)]);
  return { tables: { ...postgres, ...clickhouse }, ms: Math.round(performance.now() - started) };
}
