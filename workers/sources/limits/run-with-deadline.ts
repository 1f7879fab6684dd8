import type { SkiffError } from "../../../shared/errors.js";
import { queryCancelled, queryTimedOut, sourceDidNotAnswer } from "../source-errors.js";

/**
 * How long after its timeout (or a cancel) a statement has to stop by the
 * engine's own means before the adapter stops waiting for it.
 */
export const stopGraceMs = 1_500;

/** Methods rather than properties: they change under the work's feet, and TypeScript would narrow a property once read. */
export interface DeadlineRun {
  /** Why the statement was asked to stop (its timeout, or the caller's signal), once it was. */
  stopped(): SkiffError | undefined;
  /** True once the adapter stopped waiting: whatever the work does afterwards reaches no one. */
  abandoned(): boolean;
}

export interface RunWithDeadlineOptions {
  /** The source's name, for the errors. */
  source: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * How long past `timeoutMs` to wait before asking the engine to stop, for
   * engines that stop themselves a little late (ClickHouse's
   * `max_execution_time` counts whole seconds).
   * @defaultValue 0
   */
  interruptAfterMs?: number;
  /**
   * How long past `timeoutMs` (or past a cancel) the adapter waits at most.
   * @defaultValue {@link stopGraceMs}
   */
  graceMs?: number;
  /** Asks the engine to stop the statement (cancel request, interrupt, KILL QUERY). Must not throw. */
  interrupt(reason: SkiffError): void;
  /** The engine did not stop in time: release what the statement holds (destroy its connection). Must not throw. */
  abandon(reason: SkiffError): void;
  /** Why nothing answered, when the adapter knows better than "did not answer" (say, every connection was busy). */
  explain?(): string | undefined;
}

/**
 * Runs one statement's work under a deadline that holds whatever the engine
 * does: at the timeout the engine is asked to stop it; if the work has not
 * settled `graceMs` later, the connection is abandoned and the call rejects
 * with QUERY_TIMEOUT, so no statement keeps a worker waiting past its
 * timeout plus the grace. A rejection of the work after that is swallowed.
 */
export function runWithDeadline<T>(options: RunWithDeadlineOptions, work: (run: DeadlineRun) => Promise<T>): Promise<T> {
  const graceMs = options.graceMs ?? stopGraceMs;
  let stopped: SkiffError | undefined;
  let abandoned = false;
  let cancelled: SkiffError | undefined;
  const run: DeadlineRun = {
    stopped: () => stopped,
    abandoned: () => abandoned,
  };
  if (options.signal?.aborted) return Promise.reject(queryCancelled(options.source, options.signal));

  return new Promise<T>((resolve, reject) => {
    let hardTimer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(softTimer);
      clearTimeout(hardTimer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    const giveUp = () => {
      if (abandoned) return;
      abandoned = true;
      finish();
      // A caller who cancelled hears its own reason; otherwise the source is named as not answering.
      const reason = cancelled ?? sourceDidNotAnswer(options.source, options.timeoutMs + graceMs, stopped, options.explain?.());
      try {
        options.abandon(reason);
      } finally {
        reject(reason);
      }
    };
    let hardDeadline = Number.POSITIVE_INFINITY;
    /** Moves the point of giving up earlier, never later. */
    const hardAt = (at: number) => {
      if (at >= hardDeadline) return;
      hardDeadline = at;
      clearTimeout(hardTimer);
      hardTimer = setTimeout(giveUp, Math.max(0, at - Date.now()));
    };
    const stop = (reason: SkiffError) => {
      if (stopped) return;
      stopped = reason;
      options.interrupt(reason);
    };
    const softTimer = setTimeout(() => stop(queryTimedOut(options.source, options.timeoutMs)), options.timeoutMs + (options.interruptAfterMs ?? 0));
    const onAbort = () => {
      cancelled = queryCancelled(options.source, options.signal);
      stop(cancelled);
      hardAt(Date.now() + graceMs);
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    hardAt(Date.now() + options.timeoutMs + graceMs);

    // Started from a resolved promise so that work which throws before its first await is handled the same way.
    Promise.resolve()
      .then(() => work(run))
      .then(
        (value) => {
          if (abandoned) return;
          finish();
          resolve(value);
        },
        (error: unknown) => {
          if (abandoned) return;
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
  });
}
