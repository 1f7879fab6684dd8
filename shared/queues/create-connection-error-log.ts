import type { Logger } from "../logger.js";

/** Anything that reports its Redis connection's failures as 'error' events: a BullMQ Queue, Worker or QueueEvents. */
export interface ErrorEmitter {
  on(event: "error", listener: (error: Error) => void): unknown;
}

export interface ConnectionErrorLog {
  /** Listens to `emitter`'s errors (which also keeps an unheard 'error' from being printed raw by BullMQ). */
  watch(emitter: ErrorEmitter, what: string): void;
  /** Stops the quiet-period timer (the role is closing). */
  close(): void;
}

export interface ConnectionErrorLogOptions {
  /**
   * Errors this far apart still belong to one outage. Longer than ioredis's connect timeout (10 s), since a
   * reconnect to a host that does not answer fails only then. @defaultValue 12000
   */
  quietMs?: number;
}

/**
 * While Redis is away every connection of a role fails on each reconnect, about once a second each. This
 * logs an outage as one error line (the first failure, message only) and one info line once the errors
 * have stopped for `quietMs`; the failures between go to debug. Never a stack per retry.
 */
export function createConnectionErrorLog(logger: Logger, options: ConnectionErrorLogOptions = {}): ConnectionErrorLog {
  const quietMs = options.quietMs ?? 12_000;
  let outage: { started: number; errors: number; timer: NodeJS.Timeout } | undefined;

  const ended = () => {
    if (!outage) return;
    logger.info({ errors: outage.errors, seconds: Math.round((Date.now() - outage.started) / 1000) }, "Redis connection errors have stopped");
    outage = undefined;
  };
  const onError = (what: string) => (error: Error) => {
    if (outage) {
      outage.errors += 1;
      outage.timer.refresh();
      logger.debug({ what, error: error.message }, "Redis connection error");
      return;
    }
    const timer = setTimeout(ended, quietMs);
    timer.unref();
    outage = { started: Date.now(), errors: 1, timer };
    logger.error({ what, error: error.message }, `Redis error; retrying (until errors stop for ${Math.round(quietMs / 1000)} s, the next ones are logged at debug)`);
  };
  return {
    watch(emitter, what) {
      emitter.on("error", onError(what));
    },
    close() {
      if (outage) clearTimeout(outage.timer);
      outage = undefined;
    },
  };
}
