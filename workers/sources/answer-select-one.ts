import { isSkiffError } from "../../shared/errors.js";
import type { QueryOptions } from "./source-adapter.js";
import { sourceUnavailable } from "./source-errors.js";

/** A source's health check: it answers `SELECT 1` in time, or it is SOURCE_UNAVAILABLE with the reason. */
export async function answerSelectOne(
  source: string,
  query: (sql: string, options: QueryOptions) => Promise<unknown>,
  timeoutMs = 5_000,
): Promise<void> {
  try {
    await query("SELECT 1", { timeoutMs, maxRows: 1 });
  } catch (error) {
    if (isSkiffError(error, "SOURCE_UNAVAILABLE")) throw error;
    throw sourceUnavailable(source, error, "it did not answer SELECT 1");
  }
}
