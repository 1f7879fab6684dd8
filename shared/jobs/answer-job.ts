import { z } from "zod";
import { caveatSchema } from "../caveat.js";
import { cellSchema } from "../query-result.js";
import { runStatusSchema } from "../run-record.js";
import { jobId } from "./queue-names.js";

/** Where an answer goes: the run's thread, and its placeholder there when the AskJob named one (the bot otherwise knows it by run id). */
const targetSchema = z.object({
  runId: z.string().min(1),
  channel: z.string().min(1),
  threadTs: z.string().min(1),
  placeholderTs: z.string().min(1).optional(),
});

/** The part of a run record the Slack message shows; the run page shows the rest. */
export const answerSummarySchema = z.object({
  status: runStatusSchema,
  question: z.string(),
  answer: z.string(),
  caveats: z.array(caveatSchema),
  /** At most the first rows of the result; `totalRows` says how many there were. */
  table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(cellSchema)), totalRows: z.number().int().nonnegative() }).optional(),
  sources: z.array(z.string()),
  queryCount: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type AnswerSummary = z.infer<typeof answerSummarySchema>;

/**
 * From the agent worker to the bot: progress while a run works, then exactly
 * one final answer. Both update the placeholder; the final one is posted as a
 * reply in the thread when there is no placeholder to update.
 */
export const answerJobSchema = z.discriminatedUnion("kind", [
  targetSchema.extend({ kind: z.literal("progress"), text: z.string().min(1) }),
  targetSchema.extend({
    kind: z.literal("final"),
    /** When Slack saw the question (ms since epoch). */
    eventAt: z.number().nonnegative(),
    /** Set when the run was recorded (answered, unanswerable or failed). */
    summary: answerSummarySchema.optional(),
    /** A short, human reason when no run record could be written. */
    error: z.string().optional(),
    /** How long the agent worked on the question (thread history, plan, queries, run record), ms; the rest of event-to-answer is queues and Slack. */
    workMs: z.number().nonnegative().optional(),
  }),
]);
export type AnswerJob = z.infer<typeof answerJobSchema>;

/** The final AnswerJob's id: the agent worker adds it under `jobId(runId, "final")`, once per run. */
export function finalAnswerJobId(runId: string): string {
  return jobId(runId, "final");
}
