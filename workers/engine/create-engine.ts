import pLimit, { type LimitFunction } from "p-limit";
import type { Catalog } from "../../catalog/model/catalog.js";
import type { Table } from "../../catalog/model/table-schema.js";
import type { Caveat } from "../../shared/caveat.js";
import { dedupeCaveats } from "../../shared/caveat.js";
import type { Clock } from "../../shared/clock.js";
import type { Config } from "../../shared/config.js";
import { SkiffError, isSkiffError } from "../../shared/errors.js";
import type { Logger } from "../../shared/logger.js";
import type { QueryResult } from "../../shared/query-result.js";
import type { SourceAdapter } from "../sources/source-adapter.js";
import { retentionCaveat } from "./caveats/retention-caveat.js";
import { sampledCaveat } from "./caveats/sampled-caveat.js";
import { staleCaveat } from "./caveats/stale-caveat.js";
import { truncatedCaveat } from "./caveats/truncated-caveat.js";
import { scrubEngineError } from "./errors/scrub-engine-error.js";
import { createFreshnessChecker } from "./freshness/create-freshness-checker.js";
import { guardSql, type GuardVerdict } from "./guard-sql.js";
import { piiMaskedCaveat } from "./caveats/pii-masked-caveat.js";
import { createPiiKey, redactPiiKey, type PiiKey } from "./substitute/pii-key.js";
import { substituteTables, type SubstituteTablesOutcome } from "./substitute/substitute-tables.js";
import { restoreWrittenText } from "./substitute/restore-written-text.js";
import { tableProjection } from "./substitute/table-projection.js";
import type { ExecutedQuery, PlannedQuery } from "./planned-query.js";
import { createScratchInstances } from "./scratch/create-scratch-instances.js";
import { openScratch, type Scratch } from "./scratch/open-scratch.js";

export interface RunOptions {
  /** Cancels the statement (the run's deadline, a caller giving up). */
  signal?: AbortSignal;
}

/** Runs planned statements against sources: guard, execute, mask, caveat, record. */
export interface Engine {
  /** Never rejects: a refused or failed statement comes back with `error` and a record saying so. */
  run(query: PlannedQuery, options?: RunOptions): Promise<ExecutedQuery>;
  /** Runs independent queries in parallel; results in input order; one failure does not fail the others. */
  runAll(queries: readonly PlannedQuery[], options?: RunOptions): Promise<ExecutedQuery[]>;
  /** A fresh in-memory scratch database for one run's `combine` steps. */
  openScratch(): Promise<Scratch>;
  /** Releases the engine's own resources (the warm scratch database); sources are closed by their owner. */
  close(): void;
}

export interface EngineOptions {
  catalog: Catalog;
  /** Adapters by source name. */
  sources: ReadonlyMap<string, SourceAdapter>;
  limits: Config["limits"];
  /** "Now" for retention and staleness. */
  clock: Clock;
  logger: Logger;
  /**
   * Statements one source runs at once within this engine, so a wide fan-out does not stampede one database.
   * @defaultValue 4
   */
  perSourceConcurrency?: number;
  /**
   * The install's key for PII pseudonyms. Every query worker of one install must
   * share it, or pseudonyms from two workers would not join.
   * @defaultValue a random key for this engine's lifetime
   */
  piiKey?: PiiKey;
}

/** Creates the {@link Engine}. */
export function createEngine(options: EngineOptions): Engine {
  const { catalog, sources, limits, clock, logger } = options;
  const piiKey = options.piiKey ?? createPiiKey();
  const limiters = new Map<string, LimitFunction>();
  const limiterFor = (source: string) => {
    let limiter = limiters.get(source);
    if (!limiter) {
      limiter = pLimit(options.perSourceConcurrency ?? 4);
      limiters.set(source, limiter);
    }
    return limiter;
  };
  const freshness = createFreshnessChecker({ sources, clock, logger, cacheMs: limits.freshnessCacheMs, timeoutMs: limits.queryTimeoutMs });

  const failed = (query: PlannedQuery, raw: SkiffError, ms: number, tables: string[] = []): ExecutedQuery => {
    // Engine text quotes values and names files and servers. Only the scrubbed error leaves the engine; the
    // operator's log adds where (paths, servers), never the raw error, whose cause and stack quote the value.
    const dialect = sources.get(query.source)?.dialect;
    const { error, files, servers } = scrubEngineError(raw, { sql: query.sql, source: query.source, catalog, ...(dialect ? { dialect } : {}) });
    logger.warn(
      {
        query: query.id,
        source: query.source,
        code: error.code,
        message: error.message,
        ...(files.length > 0 ? { files } : {}),
        ...(servers.length > 0 ? { servers } : {}),
        ...(error.detail ? { detail: error.detail } : {}),
      },
      "query did not run to completion",
    );
    return {
      query,
      error,
      tables,
      caveats: [],
      record: { id: query.id, source: query.source, sql: query.sql, purpose: query.purpose, rows: 0, ms, truncated: false, error: error.message },
    };
  };

  /** Caveats that need only the catalog and the clock, plus the live freshness check when the query has a window. */
  const tableCaveats = async (query: PlannedQuery, tables: readonly Table[]): Promise<Caveat[]> => {
    const now = clock.now();
    const caveats: Caveat[] = [];
    for (const table of tables) {
      const sampled = sampledCaveat(table);
      if (sampled) caveats.push(sampled);
    }
    const window = query.window;
    if (!window) return caveats;
    for (const table of tables) {
      const retention = retentionCaveat(table, window, now);
      if (retention) caveats.push(retention);
    }
    const readings = await Promise.all(tables.map((table) => freshness.check(table)));
    tables.forEach((table, index) => {
      const reading = readings[index];
      const stale = reading ? staleCaveat(table, reading, window, now) : undefined;
      if (stale) caveats.push(stale);
    });
    return caveats;
  };

  const scratchInstances = createScratchInstances();

  const run = async (query: PlannedQuery, runOptions: RunOptions = {}): Promise<ExecutedQuery> => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const adapter = sources.get(query.source);
    if (!adapter) {
      const known = [...sources.keys()].join(", ") || "none";
      return failed(query, new SkiffError("UNKNOWN_SOURCE", `there is no source named ${query.source}; sources: ${known}`), elapsed());
    }
    let verdict: GuardVerdict;
    try {
      verdict = guardSql({ sql: query.sql, source: query.source, dialect: adapter.dialect, catalog });
    } catch (error) {
      return failed(query, asSkiffError(error), elapsed());
    }
    const tables = verdict.tables.map((id) => catalog.tables.get(id)).filter((table): table is Table => table !== undefined);
    let executable: SubstituteTablesOutcome;
    try {
      const dialect = adapter.dialect;
      executable = substituteTables({
        sql: query.sql,
        dialect,
        tables,
        referenceCounts: verdict.referenceCounts,
        projectionFor: (table, written) => tableProjection(table, dialect, piiKey, written),
      });
    } catch (error) {
      return failed(query, asSkiffError(error), elapsed(), verdict.tables);
    }
    // The freshness check runs beside the statement, not after it.
    const caveatsPromise = tableCaveats(query, tables);
    const source = catalog.sources.get(query.source);
    const cap = query.saveAs === undefined ? limits.maxRows : limits.maxTransferRows;
    const maxRows = Math.min(cap, source?.limits.maxRows ?? cap);
    let raw: QueryResult;
    try {
      raw = await limiterFor(query.source)(() =>
        adapter.query(executable.sql, {
          timeoutMs: source?.limits.timeoutMs ?? limits.queryTimeoutMs,
          maxRows,
          maxCellBytes: limits.maxCellBytes,
          maxResultBytes: limits.maxResultBytes,
          ...(runOptions.signal ? { signal: runOptions.signal } : {}),
        }),
      );
    } catch (error) {
      await caveatsPromise;
      return failed(query, withoutPiiKey(asSkiffError(error), piiKey), elapsed(), verdict.tables);
    }
    const result = restoreWrittenText(raw, executable, piiKey);
    const piiCaveat =
      executable.substituted.length === 0 ? undefined : piiMaskedCaveat({ substituted: executable.substituted, tokens: executable.tokens, result });
    const caveats = await caveatsPromise;
    if (result.truncated) caveats.push(truncatedCaveat(result, maxRows));
    if (piiCaveat) caveats.push(piiCaveat);
    const ms = elapsed();
    logger.debug({ query: query.id, source: query.source, rows: result.rowCount, ms }, "query ran");
    return {
      query,
      result,
      tables: verdict.tables,
      caveats: dedupeCaveats(caveats),
      record: {
        id: query.id,
        source: query.source,
        sql: query.sql,
        ...(executable.sql === query.sql ? {} : { executedSql: redactPiiKey(executable.sql, piiKey) }),
        purpose: query.purpose,
        rows: result.rowCount,
        ms,
        truncated: result.truncated,
        ...(raw.bytesProcessed === undefined ? {} : { bytes: raw.bytesProcessed }),
      },
    };
  };

  return {
    run,
    runAll: (queries, runOptions) => Promise.all(queries.map((query) => run(query, runOptions))),
    openScratch: async () =>
      openScratch({ limits, logger, instance: await scratchInstances.take(), release: (instance, tables) => scratchInstances.give(instance, tables) }),
    close: () => scratchInstances.close(),
  };
}

function asSkiffError(error: unknown): SkiffError {
  if (isSkiffError(error)) return error;
  return new SkiffError("INTERNAL", error instanceof Error ? error.message : String(error), { cause: error });
}

/** An engine error may echo the statement it ran; the key's pads in it are replaced. */
function withoutPiiKey(error: SkiffError, key: PiiKey): SkiffError {
  const message = redactPiiKey(error.message, key);
  if (message === error.message) return error;
  return new SkiffError(error.code, message, { retryable: error.retryable, ...(error.detail ? { detail: error.detail } : {}) });
}
