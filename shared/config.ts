import { join, resolve } from "node:path";
import { z } from "zod";
import { parseEnvironment } from "./config-parse-environment.js";
import { packageRoot } from "./package-root.js";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Limits that hold inside the source adapters whoever builds them: an engine
 * or adapter made without {@link loadConfig} (tests, benches, the eval lake
 * reader) gets these, never "no limit".
 */
export const sourceLimitDefaults = {
  /** 64 KiB: a cell longer than this is cut, with a marker saying so. */
  maxCellBytes: 64 * 1024,
  /** 16 MiB: reading stops once a result holds this much. */
  maxResultBytes: 16 * 1024 * 1024,
  /** 1 GiB: memory one statement may use where the engine enforces it per query (ClickHouse `max_memory_usage`). */
  maxQueryMemoryBytes: 1024 * 1024 * 1024,
  /** DuckDB's `memory_limit` for each source file Skiff opens. */
  duckdbMemoryLimit: "1GB",
  /** DuckDB's `threads` for each source file Skiff opens. */
  duckdbThreads: 2,
} as const;

/** DuckDB's own size syntax (`memory_limit`): a number and a unit. */
const duckDbSize = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, "a size such as 512MB or 2GB")
  .default(sourceLimitDefaults.duckdbMemoryLimit);

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
  /**
   * The install's secret for PII pseudonyms (any string of 32+ characters). Every
   * query worker of an install needs the same one; unset, Skiff keeps a generated
   * one in SKIFF_HOME/pii.key.
   */
  SKIFF_PII_KEY: z.string().min(32, "SKIFF_PII_KEY must be at least 32 characters; generate one with: openssl rand -hex 32").optional(),
  /** How long a freshness check (max of the freshness column) is reused. */
  SKIFF_FRESHNESS_CACHE_MS: z.coerce.number().int().nonnegative().default(60_000),
  /** Bytes one cell may carry; longer ones are cut and the result says so. */
  SKIFF_MAX_CELL_BYTES: positiveInt(sourceLimitDefaults.maxCellBytes),
  /** Bytes one result may carry; reading stops there and the result says so. */
  SKIFF_MAX_RESULT_BYTES: positiveInt(sourceLimitDefaults.maxResultBytes),
  /** Memory one statement may use on a source that caps it per query (ClickHouse). */
  SKIFF_MAX_QUERY_MEMORY_BYTES: positiveInt(sourceLimitDefaults.maxQueryMemoryBytes),
  /** DuckDB source files: memory_limit and threads of the database Skiff opens. */
  SKIFF_DUCKDB_MEMORY_LIMIT: duckDbSize,
  SKIFF_DUCKDB_THREADS: positiveInt(sourceLimitDefaults.duckdbThreads),
});

export interface Config {
  logLevel: z.infer<typeof configEnvSchema>["SKIFF_LOG_LEVEL"];
  logFormat: z.infer<typeof configEnvSchema>["SKIFF_LOG_FORMAT"];
  home: string;
  catalogDir: string;
  demoDb: string;
  runStorePath: string;
  /** Where the PII pseudonym secret comes from: SKIFF_PII_KEY, else the key file under SKIFF_HOME. */
  pii: { secret: string | undefined; keyPath: string };
  limits: {
    maxRows: number;
    queryTimeoutMs: number;
    runDeadlineMs: number;
    maxTransferRows: number;
    freshnessCacheMs: number;
    // The source limits below are optional so that limits built by hand (tests,
    // benches) need not restate them; adapters fall back to sourceLimitDefaults.
    /** @defaultValue {@link sourceLimitDefaults}.maxCellBytes */
    maxCellBytes?: number;
    /** @defaultValue {@link sourceLimitDefaults}.maxResultBytes */
    maxResultBytes?: number;
    /** @defaultValue {@link sourceLimitDefaults}.maxQueryMemoryBytes */
    maxQueryMemoryBytes?: number;
    /** @defaultValue {@link sourceLimitDefaults}.duckdbMemoryLimit */
    duckdbMemoryLimit?: string;
    /** @defaultValue {@link sourceLimitDefaults}.duckdbThreads */
    duckdbThreads?: number;
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
    pii: { secret: e.SKIFF_PII_KEY, keyPath: join(home, "pii.key") },
    limits: {
      maxRows: e.SKIFF_MAX_ROWS,
      queryTimeoutMs: e.SKIFF_QUERY_TIMEOUT_MS,
      runDeadlineMs: e.SKIFF_RUN_DEADLINE_MS,
      maxTransferRows: e.SKIFF_MAX_TRANSFER_ROWS,
      freshnessCacheMs: e.SKIFF_FRESHNESS_CACHE_MS,
      maxCellBytes: e.SKIFF_MAX_CELL_BYTES,
      maxResultBytes: e.SKIFF_MAX_RESULT_BYTES,
      maxQueryMemoryBytes: e.SKIFF_MAX_QUERY_MEMORY_BYTES,
      duckdbMemoryLimit: e.SKIFF_DUCKDB_MEMORY_LIMIT.replace(/\s+/g, ""),
      duckdbThreads: e.SKIFF_DUCKDB_THREADS,
    },
    sourceEnv,
  };
}
