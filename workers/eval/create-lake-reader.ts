import type { Cell } from "../../shared/query-result.js";
import { createDuckDbSource } from "../sources/duckdb-source.js";

export interface LakeReader {
  rows(sql: string): Promise<Cell[][]>;
  close(): Promise<void>;
}

/**
 * Reads expected answers straight from a lake file, read-only, through the
 * same DuckDB adapter the sources use, so cells come back in the same shapes
 * as a planner's results. Eval SQL is the catalog author's, not a model's: it
 * may read every schema of the file.
 */
export function createLakeReader(options: { path: string; timeoutMs?: number }): LakeReader {
  const adapter = createDuckDbSource({
    source: { name: "eval_lake", kind: "duckdb", description: "", connection: { path: options.path }, limits: {} },
    env: {},
  });
  return {
    async rows(sql) {
      const result = await adapter.query(sql, { timeoutMs: options.timeoutMs ?? 60_000, maxRows: 100_000 });
      return result.rows;
    },
    close: () => adapter.close(),
  };
}
