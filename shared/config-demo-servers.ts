import { z } from "zod";
import { parseEnvironment } from "./config-parse-environment.js";

/**
 * Where `skiff demo load` puts the demo lake, and where catalog/demo-servers
 * points its sources (the same variables, through `${VAR}` references).
 */
export const demoServersEnvSchema = z.object({
  /** Postgres database that receives the `accounts` schema. */
  SKIFF_DEMO_POSTGRES_URL: z.string().min(1).default("postgres://postgres@127.0.0.1:5432/postgres"),
  /** ClickHouse HTTP interface that receives `http_requests`. */
  SKIFF_DEMO_CLICKHOUSE_URL: z.string().url().default("http://127.0.0.1:8123"),
  /** ClickHouse database for `http_requests`. */
  SKIFF_DEMO_CLICKHOUSE_DB: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default("analytics"),
  /** BigQuery project that receives `billing.usage_daily`; billing is not loaded when unset. */
  SKIFF_DEMO_BIGQUERY_PROJECT: z.string().min(1).optional(),
  /** A BigQuery emulator's address (no credentials are sent to it). */
  SKIFF_DEMO_BIGQUERY_ENDPOINT: z.string().url().optional(),
});

export interface DemoServersConfig {
  postgresUrl: string;
  clickhouseUrl: string;
  clickhouseDatabase: string;
  bigqueryProject: string | undefined;
  bigqueryEndpoint: string | undefined;
}

/** Parses the demo-server variables; a bad one fails naming the variable. */
export function loadDemoServersConfig(env: Readonly<Record<string, string | undefined>>): DemoServersConfig {
  const e = parseEnvironment(demoServersEnvSchema, env, { what: "the demo-server settings" });
  return {
    postgresUrl: e.SKIFF_DEMO_POSTGRES_URL,
    clickhouseUrl: e.SKIFF_DEMO_CLICKHOUSE_URL,
    clickhouseDatabase: e.SKIFF_DEMO_CLICKHOUSE_DB,
    bigqueryProject: e.SKIFF_DEMO_BIGQUERY_PROJECT,
    bigqueryEndpoint: e.SKIFF_DEMO_BIGQUERY_ENDPOINT,
  };
}
