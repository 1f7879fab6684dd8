import { pino, type Logger, type LevelWithSilent } from "pino";

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Human-readable output; otherwise one JSON object per line. */
  pretty: boolean;
  name?: string;
}

/**
 * Skiff logs to stderr so that stdout stays the command's own output
 * (`skiff ask --json` must print exactly one JSON object).
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, ...(options.name ? { name: options.name } : {}) };
  if (options.pretty) {
    return pino(base, pino.transport({ target: "pino-pretty", options: { destination: 2, colorize: true } }));
  }
  return pino(base, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: "silent" });
