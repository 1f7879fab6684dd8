import type { Catalog } from "../../catalog/model/catalog.js";
import type { Caveat } from "../../shared/caveat.js";
import { SkiffError } from "../../shared/errors.js";
import type { ExecutedQuery, PlannedQuery } from "../engine/planned-query.js";
import type { Engine } from "../engine/create-engine.js";
import type { Scratch } from "../engine/scratch/open-scratch.js";
import type { QueryRunner } from "../planner/query-runner.js";
import { dialectOf, type Dialect } from "../sql/dialect.js";

/** The parts of the engine a run uses. */
export type RunEngine = Pick<Engine, "runAll" | "openScratch">;

export interface RunContext extends QueryRunner {
  /** Every statement run so far, in the order it was issued. */
  readonly executed: readonly ExecutedQuery[];
  /** Caveats from moving results into the scratch database (truncated transfers). */
  readonly transferCaveats: readonly Caveat[];
  close(): Promise<void>;
}

/**
 * The one door through which a planner reaches data during a run: it records
 * every statement (for the run page), owns the per-run scratch database and
 * stops issuing work once the run's deadline has passed.
 */
export function createRunContext(options: { catalog: Catalog; engine: RunEngine; asOf: Date; signal: AbortSignal }): RunContext {
  const { catalog, engine, signal } = options;
  const executed: ExecutedQuery[] = [];
  const transferCaveats: Caveat[] = [];
  const ids = new Map<string, number>();
  let scratch: Promise<Scratch> | undefined;
  const openScratch = () => (scratch ??= engine.openScratch());
  const nextId = (prefix = "q") => {
    const n = (ids.get(prefix) ?? 0) + 1;
    ids.set(prefix, n);
    return `${prefix}${n}`;
  };
  const checkDeadline = () => {
    if (signal.aborted) throw new SkiffError("QUERY_TIMEOUT", "The answer ran past its deadline; ask a narrower question (a shorter time range, fewer groups).");
  };

  return {
    catalog,
    asOf: options.asOf,
    executed,
    transferCaveats,
    dialectOf(source: string): Dialect {
      const found = catalog.sources.get(source);
      if (!found) throw new SkiffError("UNKNOWN_SOURCE", `no source named "${source}"; sources: ${[...catalog.sources.keys()].join(", ")}`);
      return dialectOf(found.kind);
    },
    nextId,
    async run(queries: readonly PlannedQuery[]) {
      checkDeadline();
      const results = await engine.runAll([...queries], { signal });
      executed.push(...results);
      return results;
    },
    async save(name: string, query: ExecutedQuery) {
      checkDeadline();
      if (!query.result) throw query.error ?? new SkiffError("INTERNAL", `query ${query.query.id} has no result to save`);
      const db = await openScratch();
      transferCaveats.push(...(await db.load(name, query.result)).caveats);
    },
    async combine(sql: string, purpose: string) {
      checkDeadline();
      const db = await openScratch();
      const result = await db.query(sql, purpose, nextId("combine"));
      executed.push(result);
      return result;
    },
    async close() {
      if (scratch) await (await scratch).close();
    },
  };
}
