export interface WaitEstimate {
  /** Questions waiting in the queue before this one. */
  ahead: number;
  /** Expected time until the answer is in the thread. */
  expectMs: number;
  /** The wait is longer than the asker should meet in silence: the placeholder says so. */
  busy: boolean;
}

export interface WaitEstimator {
  /** This bot just enqueued a question: the cached depth counts it until the next read. */
  enqueued(): void;
  /** How long an agent worked on one answer (the final AnswerJob's `workMs`), for the moving average. */
  observe(workMs: number): void;
  /** Never rejects: with the depth unreadable the placeholder is the usual one. */
  estimate(): Promise<WaitEstimate>;
}

export interface WaitEstimatorOptions {
  /** The questions queue's waiting count (one Redis call). */
  waitingCount: () => Promise<number>;
  /** Questions the agent workers answer at once. */
  slots: number;
  /** Past this expected wait the estimate is `busy`. */
  maxWaitMs: number;
  /** How long one read of the depth is reused. @defaultValue 1000 */
  cacheMs?: number;
  /** The answer time assumed before any answer was observed. @defaultValue 5000 */
  initialAnswerMs?: number;
}

/** Weight of the newest answer in the moving average. */
const smoothing = 0.2;

/**
 * The queue as the asker meets it: waiting questions ahead of theirs, each
 * slot finishing one every (moving average of answer time), so the wait is
 * about ahead / slots answers plus their own. One Redis call at most per
 * `cacheMs`, shared by every question accepted meanwhile.
 */
export function createWaitEstimator(options: WaitEstimatorOptions): WaitEstimator {
  const cacheMs = options.cacheMs ?? 1_000;
  let averageMs = options.initialAnswerMs ?? 5_000;
  let cached: { waiting: number; at: number } | undefined;
  let reading: Promise<number> | undefined;

  const waiting = async (): Promise<number> => {
    if (cached && Date.now() - cached.at < cacheMs) return cached.waiting;
    reading ??= options
      .waitingCount()
      .then((count) => {
        cached = { waiting: count, at: Date.now() };
        return count;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };

  return {
    enqueued() {
      if (cached) cached.waiting += 1;
    },
    observe(workMs) {
      if (Number.isFinite(workMs) && workMs >= 0) averageMs += smoothing * (workMs - averageMs);
    },
    async estimate() {
      // The count includes this question (the bot enqueues before it posts the placeholder).
      const ahead = Math.max(0, (await waiting().catch(() => 0)) - 1);
      const expectMs = (ahead / options.slots + 1) * averageMs;
      return { ahead, expectMs, busy: ahead > 0 && expectMs > options.maxWaitMs };
    },
  };
}
