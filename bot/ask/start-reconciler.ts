import type { webApi } from "@slack/bolt";
import type { BotDeps } from "../bot-deps.js";
import { defaultGraceMs, reconcileQuestions, type ReconcileOptions } from "./reconcile-questions.js";

export interface RunningReconciler {
  /** Stops the sweeps, after the one in flight. */
  close(): Promise<void>;
}

/**
 * Sweeps once at start (what a bot that died left behind), again once the
 * questions it admitted just before dying are past the grace period, then
 * every `intervalMs`. Sweeps never overlap, and a failed one (Redis away) is
 * logged and tried again on the next tick.
 */
export function startReconciler(deps: BotDeps, client: webApi.WebClient, options: ReconcileOptions & { intervalMs: number }): RunningReconciler {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<void> | undefined;
  let sweeps = 0;

  const sweep = async () => {
    try {
      const report = await reconcileQuestions(deps, client, options);
      if (report.enqueued + report.placeholders + report.failed + report.echoes > 0) deps.logger.info(report, "reconciled accepted questions");
    } catch (error) {
      deps.logger.warn({ err: error }, "could not reconcile accepted questions; trying again on the next sweep");
    }
  };
  const tick = () => {
    if (closed) return;
    running = sweep().finally(() => {
      running = undefined;
      sweeps += 1;
      if (!closed) timer = setTimeout(tick, sweeps === 1 ? Math.min(options.intervalMs, options.graceMs ?? defaultGraceMs) : options.intervalMs);
    });
  };
  tick();

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
