/** Redis keys of one run's thread state, shared by the accept path, the answers processor and the reconciler. */
export interface RunKeys {
  runId: string;
  /** Held while one Slack call on the placeholder is in flight (posting it, or updating it). */
  lock: string;
  /** Set once the final answer is in the thread; later updates and posts leave the thread alone. */
  answered: string;
  /** The placeholder's ts, once it was posted. */
  placeholder: string;
  /** An /ask question's "asked:" message (its thread): its ts once posted, "?" while a post is under way. */
  echo: string;
  /** Hash: run id → the AskJob of every question admitted and not yet answered. */
  pending: string;
  /** Sorted set: the same run ids, scored by when they were admitted (ms, Redis time). */
  pendingAt: string;
}

export function pendingKeys(keyPrefix: string): Pick<RunKeys, "pending" | "pendingAt"> {
  return { pending: `${keyPrefix}:pending`, pendingAt: `${keyPrefix}:pending-at` };
}

export function runKeys(keyPrefix: string, runId: string): RunKeys {
  return {
    runId,
    lock: `${keyPrefix}:lock:${runId}`,
    answered: `${keyPrefix}:answered:${runId}`,
    placeholder: `${keyPrefix}:placeholder:${runId}`,
    echo: `${keyPrefix}:echo:${runId}`,
    ...pendingKeys(keyPrefix),
  };
}
