import type { ChaosQuestion } from "./chaos-question.js";

/** "126 events needed Slack's retries (failed attempts: 254 × timeout); 0 never acknowledged", or nothing when every first attempt was acknowledged. */
export function describeDeliveries(questions: readonly ChaosQuestion[]): string | undefined {
  const retried = questions.filter((q) => (q.delivery?.attempts ?? 0) > 1);
  if (retried.length === 0) return undefined;
  const neverAcked = questions.filter((q) => q.delivery?.ackedAt === undefined).length;
  const why = new Map<string, number>();
  for (const failure of retried.flatMap((q) => q.delivery?.failures ?? [])) why.set(failure, (why.get(failure) ?? 0) + 1);
  return `${retried.length} events needed Slack's retries (failed attempts: ${[...why].map(([kind, n]) => `${n} × ${kind}`).join(", ")}); ${neverAcked} never acknowledged`;
}
