import { pino, type DestinationStream, type LevelWithSilent, type LogFn, type Logger } from "pino";
import { maskPiiText } from "./scrub/mask-pii-text.js";

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Human-readable output; otherwise one JSON object per line. */
  pretty: boolean;
  name?: string;
  /** Where JSON lines go. @defaultValue stderr */
  destination?: DestinationStream;
  /**
   * Log calls at warn or above whose fields this accepts are written at debug
   * instead: a command that reports a failure to its user itself has no use for
   * the same failure as a warning beside it. @defaultValue none
   */
  demote?: (fields: unknown) => boolean;
}

/**
 * Skiff logs to stderr so that stdout stays the command's own output
 * (`skiff ask --json` must print exactly one JSON object). Every line is
 * PII-masked on its way out (a question, an error's cause): the log is read by
 * more people than the data is. Server addresses stay, so an operator can tell
 * which server refused a connection.
 */
export function createLogger(options: LoggerOptions): Logger {
  const { demote } = options;
  const base = {
    level: options.level,
    ...(options.name ? { name: options.name } : {}),
    hooks: {
      streamWrite: (line: string) => maskPiiText(line, { keepServerAddresses: true }),
      ...(demote ? { logMethod: demoted(demote) } : {}),
    },
  };
  if (options.pretty) {
    return pino(base, pino.transport({ target: "pino-pretty", options: { destination: 2, colorize: true } }));
  }
  return pino(base, options.destination ?? pino.destination(2));
}

const warnLevel = 40;

function demoted(demote: (fields: unknown) => boolean) {
  return function logMethod(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
    // Re-entered at debug (level 20), where it writes or is dropped as the level says.
    if (level >= warnLevel && demote(args[0])) return void this.debug(...args);
    method.apply(this, args);
  };
}

export const silentLogger: Logger = pino({ level: "silent" });
