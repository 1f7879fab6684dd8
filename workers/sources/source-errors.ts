import { SkiffError } from "../../shared/errors.js";

/** What a source said when the engine refused a write: the read-only layer under the guard held. */
export function engineRefusedWrite(source: string, cause: unknown, what: string): SkiffError {
  return new SkiffError("SQL_REJECTED", `rejected (engine-read-only): ${source} refused to write (${what}); send a SELECT that only reads`, {
    cause,
    detail: { rule: "engine-read-only", source },
  });
}

export function queryTimedOut(source: string, timeoutMs: number, cause?: unknown): SkiffError {
  return new SkiffError(
    "QUERY_TIMEOUT",
    `the query on ${source} ran longer than ${timeoutMs} ms and was stopped; narrow it (a shorter time range, fewer groups) or pre-aggregate`,
    { cause, detail: { source, timeoutMs } },
  );
}

export function queryCancelled(source: string, signal: AbortSignal | undefined): SkiffError {
  const reason: unknown = signal?.reason;
  const why = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "the run was cancelled";
  return new SkiffError("QUERY_TIMEOUT", `the query on ${source} was cancelled: ${why}`, { detail: { source } });
}

export function sourceUnavailable(source: string, cause: unknown, hint: string): SkiffError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new SkiffError("SOURCE_UNAVAILABLE", `source ${source} is unavailable (${message || "no answer"}); ${hint}`, { cause, detail: { source } });
}

/** The engine's own words go back verbatim: the agent repairs its SQL from them. */
export function queryFailed(source: string, cause: unknown): SkiffError {
  return new SkiffError("SQL_FAILED", `${source}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, detail: { source } });
}

/** The adapter stopped waiting: the source neither finished nor stopped the statement by its deadline. */
export function sourceDidNotAnswer(source: string, waitedMs: number, cause?: unknown, because?: string): SkiffError {
  const why = because ? ` (${because})` : "";
  return new SkiffError(
    "QUERY_TIMEOUT",
    `${source} did not answer within ${formatSeconds(waitedMs)} s${why}, so Skiff stopped waiting and dropped the connection; check that the database is up and not overloaded, then ask again (or narrow the query)`,
    { cause, detail: { source, waitedMs } },
  );
}

/** Every connection the adapter may open to the source is running a statement. */
export function sourceBusy(source: string, connections: number, cause?: unknown): SkiffError {
  return new SkiffError(
    "SOURCE_UNAVAILABLE",
    `source ${source} is busy: all ${connections} of Skiff's connections to it are running statements; try again in a moment, or lower SKIFF_QUERY_CONCURRENCY / SKIFF_SOURCE_CONCURRENCY for it`,
    { cause, detail: { source, connections } },
  );
}

/** The engine stopped a statement at the memory it may use. */
export function memoryLimitExceeded(source: string, cause: unknown, limit: string): SkiffError {
  const said = cause instanceof Error ? cause.message : String(cause);
  return new SkiffError(
    "TOO_EXPENSIVE",
    `the query on ${source} needed more memory than Skiff lets one query use (${limit}) and was stopped; narrow it (fewer rows into a join or an array, a shorter time range, fewer groups) or pre-aggregate. ${source} said: ${said}`,
    { cause, detail: { source, limit } },
  );
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}
