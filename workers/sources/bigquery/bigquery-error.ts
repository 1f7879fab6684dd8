import { SkiffError, isSkiffError } from "../../../shared/errors.js";
import { engineRefusedWrite, queryFailed, queryTimedOut, sourceUnavailable } from "../source-errors.js";

interface ApiErrorLike {
  code?: unknown;
  errors?: Array<{ reason?: string; message?: string }>;
  message?: string;
}

/** A BigQuery API or network error as the SkiffError the engine turns into a caveat or message. */
export function bigQueryError(error: unknown, source: string, timeoutMs: number): SkiffError {
  if (isSkiffError(error)) return error;
  const api = error as ApiErrorLike;
  const reason = api.errors?.[0]?.reason ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (reason === "bytesBilledLimitExceeded") {
    return new SkiffError("TOO_EXPENSIVE", `${source} refused the job: ${message}; narrow the query (fewer columns, a shorter date range on a partitioned column)`, { cause: error, detail: { source } });
  }
  if (reason === "timeout" || /did not complete before|Job timed out|jobTimeoutMs/i.test(message)) return queryTimedOut(source, timeoutMs, error);
  if (reason === "accessDenied" && /read.?only|permission.*(insert|update|delete|create)/i.test(message)) return engineRefusedWrite(source, error, message);
  const code = typeof api.code === "number" ? api.code : undefined;
  const network = typeof api.code === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH)$/.test(api.code);
  if (network || (code !== undefined && code >= 500) || reason === "backendError" || /ECONNREFUSED|socket hang up/i.test(message)) {
    return sourceUnavailable(source, error, "check BigQuery's status and the source's project, location and credentials");
  }
  return queryFailed(source, error);
}
