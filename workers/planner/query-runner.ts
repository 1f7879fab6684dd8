import type { Catalog } from "../../catalog/model/catalog.js";
import type { ExecutedQuery, PlannedQuery } from "../engine/planned-query.js";
import type { Dialect } from "../sql/dialect.js";

/**
 * What a planner may do during one run. Every statement goes through the
 * guard and is recorded in the run, so a planner cannot run SQL off the books.
 */
export interface QueryRunner {
  readonly catalog: Catalog;
  /** The clock the answer is computed against. */
  readonly asOf: Date;
  dialectOf(source: string): Dialect;
  /** Runs independent queries in parallel; failures come back as `error`, never as a rejection. */
  run(queries: readonly PlannedQuery[]): Promise<ExecutedQuery[]>;
  /** Keeps a result in the run's scratch database under `name`, for {@link QueryRunner.combine}. */
  save(name: string, executed: ExecutedQuery): Promise<void>;
  /** Runs DuckDB SQL over saved results (cross-source joins). */
  combine(sql: string, purpose: string): Promise<ExecutedQuery>;
  /** A fresh query id for this run: `q1`, `q2`, ... */
  nextId(prefix?: string): string;
}
