import { SkiffError, isSkiffError } from "../../../shared/errors.js";
import { engineRefusedWrite, queryFailed, queryTimedOut, sourceUnavailable } from "../source-errors.js";

const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "EPIPE"]);

/** A Postgres or network error as the SkiffError the engine turns into a caveat or message. */
export function postgresError(error: unknown, source: string, timeoutMs: number): SkiffError {
  if (isSkiffError(error)) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "57014") return queryTimedOut(source, timeoutMs, error);
  if (code === "25006" || (code === "0A000" && /data-modifying/i.test(message))) return engineRefusedWrite(source, error, message);
  if (code === "42601" && /multiple commands/i.test(message)) {
    return new SkiffError("SQL_REJECTED", `rejected (one-statement): ${source} received more than one statement; send exactly one`, { cause: error, detail: { rule: "one-statement", source } });
  }
  if (typeof code === "string" && (networkCodes.has(code) || code.startsWith("08") || code.startsWith("57P") || code === "53300")) {
    return sourceUnavailable(source, error, "check that the database is up and the source's connection settings");
  }
  if (/timeout exceeded when trying to connect|Connection terminated|not queryable/i.test(message)) {
    return sourceUnavailable(source, error, "check that the database is up and the source's connection settings");
  }
  return queryFailed(source, error);
}
