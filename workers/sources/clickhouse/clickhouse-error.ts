import { SkiffError, isSkiffError } from "../../../shared/errors.js";
import { describeBytes } from "../limits/describe-bytes.js";
import { engineRefusedWrite, memoryLimitExceeded, queryFailed, queryTimedOut, sourceUnavailable } from "../source-errors.js";

const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "EPIPE", "UND_ERR_SOCKET"]);
/** ClickHouse error codes: 164 READONLY, 159 TIMEOUT_EXCEEDED, 394 QUERY_WAS_CANCELLED, 62 SYNTAX_ERROR (a second statement). */
const readonlyCode = "164";
const timeoutCodes = new Set(["159", "394"]);
/** 241 MEMORY_LIMIT_EXCEEDED; 191 SET_SIZE_LIMIT_EXCEEDED (a join's, an IN set's or a DISTINCT's hash table). */
const memoryCodes = new Set(["241", "191"]);

/** A ClickHouse or network error as the SkiffError the engine turns into a caveat or message. */
export function clickHouseError(error: unknown, source: string, timeoutMs: number, maxQueryMemoryBytes?: number): SkiffError {
  if (isSkiffError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  // The client parses today's error text; 18.16 writes "Code: 159, e.displayText() = ...", read here.
  const code = (error as { code?: unknown }).code ?? /^Code: (\d+)/.exec(message)?.[1];
  if (code === readonlyCode || /readonly mode/i.test(message)) return engineRefusedWrite(source, error, message);
  if ((typeof code === "string" && timeoutCodes.has(code)) || /^Timeout error/i.test(message)) return queryTimedOut(source, timeoutMs, error);
  if (typeof code === "string" && memoryCodes.has(code)) {
    return memoryLimitExceeded(source, error, maxQueryMemoryBytes === undefined ? "max_memory_usage" : `${describeBytes(maxQueryMemoryBytes)}, SKIFF_MAX_QUERY_MEMORY_BYTES`);
  }
  if (/Multi-statements are not allowed/i.test(message)) {
    return new SkiffError("SQL_REJECTED", `rejected (one-statement): ${source} received more than one statement; send exactly one`, { cause: error, detail: { rule: "one-statement", source } });
  }
  if ((typeof code === "string" && networkCodes.has(code)) || /socket hang up|ECONNREFUSED|connect E/i.test(message)) {
    return sourceUnavailable(source, error, "check that ClickHouse is up and the source's connection settings");
  }
  return queryFailed(source, error);
}
