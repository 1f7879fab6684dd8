import type { DemoServersConfig } from "../../../shared/config-demo-servers.js";
import { loadIntoBigQuery } from "./load-into-bigquery.js";
import { loadIntoClickHouse } from "./load-into-clickhouse.js";
import { loadIntoPostgres } from "./load-into-postgres.js";

export interface LoadDemoServersSummary {
  tables: Record<string, number>;
  ms: number;
}

/**
 * Loads the demo lake into real servers, as the demo-servers catalog expects
 * them: accounts and zones into Postgres (schema `accounts`), sampled requests
 * into ClickHouse, and daily usage into BigQuery when a project is configured.
 * The loads run at once; each replaces what a previous load left.
 */
export async function loadDemoServers(lake: string, config: DemoServersConfig): Promise<LoadDemoServersSummary> {
  const started = performance.now();
  const bigquery = config.bigqueryProject === undefined ? undefined : { project: config.bigqueryProject, ...(config.bigqueryEndpoint ? { apiEndpoint: config.bigqueryEndpoint } : {}) };
  const loaded = await Promise.all([
    loadIntoPostgres(lake, config.postgresUrl),
    loadIntoClickHouse(lake, config.clickhouseUrl, config.clickhouseDatabase),
    bigquery ? loadIntoBigQuery(lake, bigquery) : Promise.resolve({}),
  ]);
  const tables: Record<string, number> = {};
  for (const counts of loaded) Object.assign(tables, counts);
  return { tables, ms: Math.round(performance.now() - started) };
}
