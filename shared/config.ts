import { join, resolve } from "node:path";
import { z } from "zod";
import { parseEnvironment } from "./config-parse-environment.js";
import { packageRoot } from "./package-root.js";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Every environment variable Skiff reads, with its default. This module is the
 * only place that looks at `process.env`; everything else receives {@link Config}.
 */
export const configEnvSchema = z.object({
  SKIFF_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  /** `auto` pretty-prints when stderr is a terminal. */
  SKIFF_LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** Where Skiff keeps local state (demo lake, run store). */
  SKIFF_HOME: z.string().min(1).default(".skiff"),
  /** Catalog folder; defaults to the bundled demo catalog. */
  SKIFF_CATALOG: z.string().min(1).optional(),
  /** The demo lake file that catalog/demo points its sources at. */
  SKIFF_DEMO_DB: z.string().min(1).optional(),
  /** Rows one query may return before it is cut (and the answer says so). */
  SKIFF_MAX_ROWS: positiveInt(10_000),
  /** Per-statement timeout. */
  SKIFF_QUERY_TIMEOUT_MS: positiveInt(30_000),
  /** Whole-answer deadline. */
  SKIFF_RUN_DEADLINE_MS: positiveInt(60_000),
  /** Rows one sub-result may carry into a cross-source combine. */
  SKIFF_MAX_TRANSFER_ROWS: positiveInt(100_000),
  /** How long a freshness check (max of the freshness column) is reused. */
  SKIFF_FRESHNESS_CACHE_MS: z.coerce.number().int().nonnegative().default(60_000),
});

export interface Config {
  logLevel: z.infer<typeof configEnvSchema>["SKIFF_LOG_LEVEL"];
  logFormat: z.infer<typeof configEnvSchema>["SKIFF_LOG_FORMAT"];
  home: string;
  catalogDir: string;
  demoDb: string;
  runStorePath: string;
  limits: {
    maxRows: number;
    queryTimeoutMs: number;
    runDeadlineMs: number;
    maxTransferRows: number;
    freshnessCacheMs: number;
  };
  /**
   * The environment that catalog `${VAR}` references resolve against. Catalog
   * connections name their secrets by variable; only source adapters read them.
   */
  sourceEnv: Readonly<Record<string, string>>;
}

/** Parses the environment once, at start-up. A bad variable fails with its name and what to set. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnvironment(configEnvSchema, env, { what: "Skiff's environment" });
  const home = resolve(e.SKIFF_HOME);
  const demoDb = resolve(e.SKIFF_DEMO_DB ?? join(home, "demo.duckdb"));
  const sourceEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) sourceEnv[key] = value;
  sourceEnv.SKIFF_DEMO_DB = demoDb;
  return {
    logLevel: e.SKIFF_LOG_LEVEL,
    logFormat: e.SKIFF_LOG_FORMAT,
    home,
    catalogDir: resolve(e.SKIFF_CATALOG ?? join(packageRoot(), "catalog", "demo")),
    demoDb,
    runStorePath: join(home, "runs.duckdb"),
    limits: {
      maxRows: e.SKIFF_MAX_ROWS,
      queryTimeoutMs: e.SKIFF_QUERY_TIMEOUT_MS,
      runDeadlineMs: e.SKIFF_RUN_DEADLINE_MS,
      maxTransferRows: e.SKIFF_MAX_TRANSFER_ROWS,
      freshnessCacheMs: e.SKIFF_FRESHNESS_CACHE_MS,
    },
    sourceEnv,
  };
}
