import { z } from "zod";

export const askSurfaces = ["mention", "dm", "slash", "follow_up", "rerun"] as const;

/** A question the bot accepted: the agent worker answers it and reports back through an AnswerJob. */
export const askJobSchema = z.object({
  runId: z.string().min(1),
  question: z.string().min(1),
  /** Slack user id of the asker. */
  asker: z.string().min(1),
  surface: z.enum(askSurfaces),
  channel: z.string().min(1),
  /** The thread the answer lives in (the question's own ts when it started the thread). */
  threadTs: z.string().min(1),
  /** The bot's placeholder reply, updated in place with progress and then the answer. */
  placeholderTs: z.string().min(1),
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
