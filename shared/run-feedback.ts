import { z } from "zod";

/** What someone said about an answer (👍, or 👎 with what was wrong), stored with the run. */
export const runFeedbackSchema = z.object({
  runId: z.string().min(1),
  /** Slack user id. One verdict per person per run; a second replaces the first. */
  user: z.string().min(1),
  rating: z.enum(["up", "down"]),
  comment: z.string().max(3_000).optional(),
  createdAt: z.string(),
});
export type RunFeedback = z.infer<typeof runFeedbackSchema>;

/** Feedback lives beside the run records, in the same store and schema. */
export interface RunFeedbackStore {
  saveFeedback(feedback: RunFeedback): Promise<void>;
  /** Oldest first. */
  listFeedback(runId: string): Promise<RunFeedback[]>;
}
