import type { ClickHouseSettings } from "@clickhouse/client";

export interface ClickHouseLimits {
  timeoutMs: number;
  maxRows: number;
  maxResultBytes: number;
  maxQueryMemoryBytes: number;
  /** The user's own readonly level (clickHouseReadonlyLevel). */
  readonlyLevel: 0 | 1 | 2;
}

/**
 * The settings one statement runs under. `readonly=1` where the user's profile
 * lets the request set it (level 0); a user at level 2 already cannot write,
 * and a user at level 1 may send no settings at all, so its profile's limits
 * are the ones that hold (and `catalog sources` says so). Memory: a per-query
 * cap, and the hash tables of joins, IN sets and DISTINCT stop (throw) at half
 * of it, while GROUP BY and ORDER BY spill to disk there rather than fail. The
 * server also stops sending at four times the reader's byte cap, which the
 * reader reaches first and marks; `buffer_size` holds a small result back
 * until it is complete, so its errors arrive as HTTP errors.
 */
export function clickHouseLimitSettings(limits: ClickHouseLimits): ClickHouseSettings {
  if (limits.readonlyLevel === 1) return {};
  const half = String(Math.floor(limits.maxQueryMemoryBytes / 2));
  const settings: Record<string, string | number> = {
    max_execution_time: Math.max(1, Math.ceil(limits.timeoutMs / 1000)),
    max_result_rows: String(limits.maxRows + 1),
    max_result_bytes: String(limits.maxResultBytes * 4),
    result_overflow_mode: "break",
    max_memory_usage: String(limits.maxQueryMemoryBytes),
    max_bytes_in_join: half,
    max_bytes_in_set: half,
    max_bytes_in_distinct: half,
    max_bytes_before_external_group_by: half,
    max_bytes_before_external_sort: half,
    buffer_size: Math.min(limits.maxResultBytes, 1024 * 1024),
  };
  if (limits.readonlyLevel === 0) settings.readonly = "1";
  return settings;
}
