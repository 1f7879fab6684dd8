import type { Config } from "../shared/config.js";
import { errorCodes, isSkiffError } from "../shared/errors.js";
import { createLogger, type Logger } from "../shared/logger.js";

export interface CliLoggerOptions {
  /**
   * For a command (`ask`, `sql`, `chat`, `eval`) that tells its user about a failure itself: log calls
   * about an expected failure (a SkiffError other than INTERNAL, as `err` or as a `code` field) are
   * written at debug, so the user reads one line, not the same failure again as JSON. A served role
   * keeps them at warn for its operator. @defaultValue false
   */
  command?: boolean;
}

/** A log call's fields that are about an expected failure: a refused statement, a source that is down, a missing lake file. */
export function isExpectedFailure(fields: unknown): boolean {
  if (typeof fields !== "object" || fields === null) return false;
  const { err, code } = fields as { err?: unknown; code?: unknown };
  if (isSkiffError(err)) return err.code !== "INTERNAL";
  return typeof code === "string" && code !== "INTERNAL" && Object.hasOwn(errorCodes, code);
}

/** The logger of a CLI command or a served role: pretty on a terminal (SKIFF_LOG_FORMAT=auto), JSON lines otherwise. */
export function createCliLogger(config: Config, options: CliLoggerOptions = {}): Logger {
  const pretty = config.logFormat === "pretty" || (config.logFormat === "auto" && process.stderr.isTTY);
  return createLogger({ level: config.logLevel, pretty, name: "skiff", ...(options.command ? { demote: isExpectedFailure } : {}) });
}
