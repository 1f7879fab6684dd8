import type { Logger } from "../../shared/logger.js";

/** What a listener does once Slack has its acknowledgement: tracked, so shutdown can wait for it and no rejection floats. */
export interface AfterAck {
  /**
   * Starts `work` on the next turn of the event loop, once the listener that
   * scheduled it has returned (and so Bolt has sent, or released, the ack),
   * and keeps it until it settles. A rejection is logged with `what`.
   */
  run(what: string, work: () => Promise<unknown>): void;
  /** Work started and not yet settled. */
  readonly inFlight: number;
  /** Resolves once all work has settled, including work started while waiting. */
  drain(): Promise<void>;
}

/**
 * The bot's set of after-ack work. A listener awaits only what must precede
 * the ack (admission); reactions, placeholders, enqueues and replies run here,
 * and a bot that dies in the middle leaves them to the reconciler.
 */
export function createAfterAck(options: { logger: Logger; onError?: (error: unknown) => void }): AfterAck {
  const running = new Set<Promise<void>>();
  return {
    run(what, work) {
      const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .then(
          () => undefined,
          (error: unknown) => {
            options.onError?.(error);
            options.logger.error({ err: error, what }, "after-ack work for a Slack request failed");
          },
        )
        .finally(() => running.delete(task));
      running.add(task);
    },
    get inFlight() {
      return running.size;
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
