import type { Catalog } from "../../../catalog/model/catalog.js";
import { SkiffError } from "../../../shared/errors.js";
import type { Dialect } from "../../sql/dialect.js";
import { conversionFailure } from "./conversion-failure.js";
import { knownIdentifiers } from "./known-identifiers.js";
import { scrubEngineMessage } from "./scrub-engine-message.js";

export interface ScrubbedEngineError {
  /** What every consumer sees (answer, caveats, run record, model, queue): no cause, so no raw text rides along. */
  error: SkiffError;
  /** For the operator's log only: the file paths and servers the message named. */
  files: string[];
  servers: string[];
}

export interface ScrubContext {
  /** The statement as the planner wrote it: identifiers it names survive in the message. */
  sql: string;
  source: string;
  catalog?: Catalog;
  dialect?: Dialect;
}

/**
 * A failure as it may leave the engine. The engine's text is scrubbed ({@link scrubEngineMessage}); a
 * value that failed to convert (a cast, a parse, a range, error() or throwIf) is reported as a plain
 * reason with code SQL_FAILED, never retried: running the same statement on the same data fails again.
 */
export function scrubEngineError(error: SkiffError, context: ScrubContext): ScrubbedEngineError {
  const known = knownIdentifiers({ sql: context.sql, source: context.source, ...(context.catalog ? { catalog: context.catalog } : {}) });
  const scrubbed = scrubEngineMessage(error.message, known);
  const engineFailure = error.code === "SQL_FAILED" || error.code === "INTERNAL";
  const reason = engineFailure ? conversionFailure(error, scrubbed.message, context.dialect) : undefined;
  if (reason !== undefined) {
    // The whole engine text is replaced, and nothing it named is logged: a bare value can look like a path or a host.
    const detail = { ...error.detail, source: context.source, rule: "conversion" };
    return { error: new SkiffError("SQL_FAILED", `${context.source}: ${reason}`, { retryable: false, detail }), files: [], servers: [] };
  }
  const options = { retryable: error.retryable, ...(error.detail ? { detail: error.detail } : {}) };
  return { error: new SkiffError(error.code, scrubbed.message, options), files: scrubbed.files, servers: scrubbed.servers };
}
