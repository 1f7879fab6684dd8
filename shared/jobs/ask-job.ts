import { z } from "zod";
import { jobId } from "./queue-names.js";

export const askSurfaces = ["mention", "dm", "slash", "follow_up", "rerun"] as const;

/**
 * A question the bot accepted: the agent worker answers it and reports back
 * through an AnswerJob. The run id derives from the Slack message, so every
 * enqueue of one question (a redelivery, the bot's reconciler) is the same job
 * and the same run.
 */
export const askJobSchema = z.object({
  runId: z.string().min(1),
  question: z.string().min(1),
  /** Slack user id of the asker. */
  asker: z.string().min(1),
  surface: z.enum(askSurfaces),
  channel: z.string().min(1),
  /** The thread the answer lives in (the question's own ts when it started the thread). */
  threadTs: z.string().min(1),
  /**
   * The bot's placeholder reply, when it was posted before the enqueue. The bot
   * enqueues first and posts the placeholder after (a failed post must not lose
   * the question), so it keeps the placeholder's ts itself and new jobs leave
   * this out; the agent only passes it on to the AnswerJobs.
   */
  placeholderTs: z.string().min(1).optional(),
  /** True when the question started its thread: there is no earlier run to look up. */
  newThread: z.boolean().default(false),
  /** When Slack saw the question (ms since epoch), for event-to-answer latency. */
  eventAt: z.number().nonnegative(),
});
export type AskJob = z.infer<typeof askJobSchema>;

/** Runs in one Slack thread share this id, so follow-ups find their history. */
export function slackThreadId(channel: string, threadTs: string): string {
  return `slack:${channel}:${threadTs}`;
}

/** The AskJob's id in the questions queue: one per question, however often it is enqueued. */
export function askJobId(runId: string): string {
  return jobId("ask", runId);
}
