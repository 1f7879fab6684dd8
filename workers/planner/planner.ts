import type { Caveat } from "../../shared/caveat.js";
import type { RunRecord, RunResult, TokenUsage, PlannerKind } from "../../shared/run-record.js";
import type { QueryRunner } from "./query-runner.js";

export interface PlannerRequest {
  question: string;
  /** Earlier runs in the same conversation, oldest first (for follow-ups). */
  history: readonly RunRecord[];
  /** Who asks (a Slack user, the OS user at a terminal), for the model's context. */
  asker?: string;
  signal?: AbortSignal;
}

export interface PlannerOutcome {
  answer: string;
  result?: RunResult;
  /** How ambiguous phrases were read; each becomes an `assumption` caveat. */
  assumptions: string[];
  /** Caveats about the answer itself rather than a query (a budget ran out: `partial`). */
  caveats?: Caveat[];
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
