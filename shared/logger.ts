import { pino, type DestinationStream, type Logger, type LevelWithSilent } from "pino";
import { maskPiiText } from "./scrub/mask-pii-text.js";

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Human-readable output; otherwise one JSON object per line. */
  pretty: boolean;
  name?: string;
  /** Where JSON lines go. @defaultValue stderr */
  destination?: DestinationStream;
}

/**
 * Skiff logs to stderr so that stdout stays the command's own output
 * (`skiff ask --json` must print exactly one JSON object). Every line is
 * PII-masked on its way out (a question, an error's cause): the log is read by
 * more people than the data is. Server addresses stay, so an operator can tell
 * which server refused a connection.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    ...(options.name ? { name: options.name } : {}),
    hooks: { streamWrite: (line: string) => maskPiiText(line, { keepServerAddresses: true }) },
  };
  if (options.pretty) {
    return pino(base, pino.transport({ target: "pino-pretty", options: { destination: 2, colorize: true } }));
  }
  return pino(base, options.destination ?? pino.destination(2));
}

export const silentLogger: Logger = pino({ level: "silent" });
