import type { RunRecord, RunResult, TokenUsage, PlannerKind } from "../../shared/run-record.js";
import type { QueryRunner } from "./query-runner.js";

export interface PlannerRequest {
  question: string;
  /** Earlier runs in the same conversation, oldest first (for follow-ups). */
  history: readonly RunRecord[];
  signal?: AbortSignal;
}

export interface PlannerOutcome {
  answer: string;
  result?: RunResult;
  /** How ambiguous phrases were read; each becomes an `assumption` caveat. */
  assumptions: string[];
  /** The planner's plan, stored in the run record as JSON. */
  plan: unknown;
  usage?: TokenUsage;
}

/**
 * Turns a question into queries and an answer. A planner that cannot map a
 * question throws SkiffError UNANSWERABLE with what it can answer instead.
 */
export interface Planner {
  readonly kind: PlannerKind;
  answer(request: PlannerRequest, runner: QueryRunner): Promise<PlannerOutcome>;
}
