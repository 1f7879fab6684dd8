import type { Config } from "../shared/config.js";
import { createLogger, type Logger } from "../shared/logger.js";

/** The logger of a CLI command or a served role: pretty on a terminal (SKIFF_LOG_FORMAT=auto), JSON lines otherwise. */
export function createCliLogger(config: Config): Logger {
  const pretty = config.logFormat === "pretty" || (config.logFormat === "auto" && process.stderr.isTTY);
  return createLogger({ level: config.logLevel, pretty, name: "skiff" });
}
