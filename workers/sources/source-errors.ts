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
