/**
 * Queue names (BullMQ adds the configured prefix, SKIFF_QUEUE_PREFIX, to every
 * key). Query jobs get one queue per source, so each source's concurrency is a
 * queue setting that holds across every query worker.
 */
export const queueNames = {
  questions: "questions",
  answers: "answers",
  queries: (source: string) => `queries-${source}`,
} as const;

/** BullMQ job ids may not contain `:` or be integers; Slack ids (`C123:1700000000.0001`) are made safe here. */
export function jobId(...parts: readonly string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9_.-]/g, "_")).join("-");
}
