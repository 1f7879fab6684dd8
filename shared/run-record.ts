import { z } from "zod";
import { caveatSchema } from "./caveat.js";
import { cellSchema } from "./query-result.js";

/** `sql`: no planner; the asker wrote the statement (`skiff sql`). */
export const plannerKinds = ["semantic", "claude", "sql"] as const;
export const plannerKindSchema = z.enum(plannerKinds);
export type PlannerKind = z.infer<typeof plannerKindSchema>;

/** One statement Skiff ran (or tried to) on behalf of an answer. */
export const runQuerySchema = z.object({
  /** Stable within the run: `q1`, `q2`, ..., `combine1`. */
  id: z.string(),
  /** Source name from the catalog, or `scratch` for the per-run combine database. */
  source: z.string(),
  sql: z.string(),
  /** The statement as it ran at the source, when Skiff rewrote it (PII columns pseudonymised), with the key redacted. */
  executedSql: z.string().optional(),
  /** Why this query ran, in words (shown on the run page). */
  purpose: z.string(),
  rows: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
  truncated: z.boolean().default(false),
  /** Set when the statement failed or was refused; the answer then carries a caveat or an error. */
  error: z.string().optional(),
  /** Bytes processed, where the engine reports it (BigQuery). */
  bytes: z.number().nonnegative().optional(),
});
export type RunQuery = z.infer<typeof runQuerySchema>;

export const runResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(cellSchema)),
});
export type RunResult = z.infer<typeof runResultSchema>;

export const runStatuses = ["answered", "unanswerable", "failed"] as const;
export const runStatusSchema = z.enum(runStatuses);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheReadTokens: z.number().int().nonnegative().default(0),
  cacheWriteTokens: z.number().int().nonnegative().default(0),
  costUsd: z.number().nonnegative().default(0),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** Everything behind one answer: what was asked, how it was planned, every query, the result. */
export const runRecordSchema = z.object({
  id: z.string(),
  question: z.string(),
  asker: z.string().optional(),
  /** The clock the answer was computed against (ISO 8601, UTC). */
  asOf: z.string(),
  createdAt: z.string(),
  planner: plannerKindSchema,
  status: runStatusSchema,
  answer: z.string(),
  result: runResultSchema.optional(),
  caveats: z.array(caveatSchema),
  queries: z.array(runQuerySchema),
  /** The planner's own description of its plan (JSON; shape depends on the planner). */
  plan: z.unknown(),
  durationMs: z.number().nonnegative(),
  usage: tokenUsageSchema.optional(),
  /** Conversation this run continues (a Slack thread or a CLI chat session). */
  threadId: z.string().optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
