import { z } from "zod";
import { askJobSchema, type AskJob } from "../../shared/jobs/ask-job.js";

/**
 * An `/ask` question admitted before its thread exists: the "asked:" echo it
 * lives under is posted after Slack is acknowledged, and only for a question
 * that was admitted. Once posted, the pending record becomes the AskJob.
 */
export const awaitingEchoSchema = askJobSchema.omit({ threadTs: true, placeholderTs: true }).extend({ awaiting: z.literal("echo") });
export type AwaitingEcho = z.infer<typeof awaitingEchoSchema>;

/** What the pending hash holds for one admitted question. */
export type PendingQuestion = { kind: "job"; job: AskJob } | { kind: "echo"; question: AwaitingEcho };

/** A pending record read back from Redis; undefined when it is neither shape (nothing to re-drive). */
export function parsePendingQuestion(raw: string): PendingQuestion | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const job = askJobSchema.safeParse(value);
  if (job.success) return { kind: "job", job: job.data };
  const echo = awaitingEchoSchema.safeParse(value);
  return echo.success ? { kind: "echo", question: echo.data } : undefined;
}
