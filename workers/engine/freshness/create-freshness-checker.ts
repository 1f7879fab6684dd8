import { physicalName, tableId } from "../../../catalog/model/catalog.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { Clock } from "../../../shared/clock.js";
import type { Logger } from "../../../shared/logger.js";
import type { SourceAdapter } from "../../sources/source-adapter.js";
import type { FreshnessReading } from "../caveats/stale-caveat.js";
import { quoteIdentifier } from "./quote-identifier.js";

export interface FreshnessChecker {
  /** The newest value of the table's freshness column, or undefined when the table has none or the check failed. */
  check(table: Table): Promise<FreshnessReading | undefined>;
}

export interface FreshnessCheckerOptions {
  sources: ReadonlyMap<string, SourceAdapter>;
  clock: Clock;
  logger: Logger;
  /** How long a reading is reused. */
  cacheMs: number;
  timeoutMs: number;
}

/**
 * Live freshness checks (`SELECT max(<freshness column>) FROM <table>`) on the
 * table's own source, one in flight per table and reused for `cacheMs`, so a
 * fan-out over one table checks it once. A failed check is logged and forgotten:
 * it must not fail the answer, and the next question tries again.
 */
export function createFreshnessChecker(options: FreshnessCheckerOptions): FreshnessChecker {
  const cache = new Map<string, { at: number; reading: Promise<FreshnessReading | undefined> }>();

  const read = async (table: Table, column: string): Promise<FreshnessReading | undefined> => {
    const adapter = options.sources.get(table.source);
    if (!adapter) return undefined;
    const sql = `SELECT max(${quoteIdentifier(adapter.dialect, column)}) AS newest FROM ${quoteIdentifier(adapter.dialect, physicalName(table))}`;
    const result = await adapter.query(sql, { timeoutMs: options.timeoutMs, maxRows: 1 });
    const cell = result.rows[0]?.[0] ?? null;
    const declared = table.columns.find((c) => c.name === column)?.type ?? result.columns[0]?.type ?? "";
    return { newest: cell === null ? null : String(cell), dateTyped: /^date$/i.test(declared.trim()) };
  };

  return {
    check(table) {
      const column = table.freshness?.column;
      if (column === undefined) return Promise.resolve(undefined);
      const id = tableId(table);
      const now = options.clock.now().getTime();
      const cached = cache.get(id);
      if (cached && now - cached.at < options.cacheMs) return cached.reading;
      const reading = read(table, column).catch((error: unknown) => {
        cache.delete(id);
        options.logger.warn({ table: id, err: error }, "freshness check failed; answering without a stale check");
        return undefined;
      });
      cache.set(id, { at: now, reading });
      return reading;
    },
  };
}
