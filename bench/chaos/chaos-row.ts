/** One scenario's line in the table. */
export interface ChaosRow {
  /** The scenario's number in the suite. */
  number: number;
  name: string;
  fault: string;
  redis: string;
  sent: number;
  /** Exactly one final message in the thread (an answer, a partial answer or an honest failure). */
  answeredOnce: number;
  /** Answered with the fault-free number for that run's as-of. */
  right: number;
  /** An honest failure message, or an answer with a `partial` caveat. */
  honest: number;
  /** Told in the thread that Skiff can't take questions right now (Redis away at admission): the asker knows to ask again. */
  refused: number;
  /** No final message in the thread by the scenario's end. */
  lost: number;
  /** More than one final message (or final update) in the thread. */
  duplicated: number;
  /** Of those, the same answer written again over the same message: the thread still shows one answer, marked edited. */
  reUpdated: number;
  /** A final number that differs from the fault-free one, with no partial caveat. */
  wrong: number;
  /** A number right as of some instant while the question was answered, but not its run record's (the run page shows another attempt). */
  mismatched: number;
  p50Ms: number;
  p99Ms: number;
  /** From the fault to the first answer, once the fault is over, of a question acknowledged before it. */
  recoveryMs: number | undefined;
  /** From the fault (or the burst, without one) to the last question's answer. */
  drainedMs: number | undefined;
  notes: string[];
  /** What makes the suite fail: losses, duplicates, wrong numbers, a role that died by itself, a question the fault did not touch that failed. */
  problems: string[];
  /** Set when the scenario did not run. */
  skipped?: string;
}
