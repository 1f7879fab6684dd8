import type { EvalQuestion, EvalSet } from "../../catalog/model/eval-set-schema.js";
import type { Cell } from "../../shared/query-result.js";
import type { RunRecord } from "../../shared/run-record.js";
import { compareResultSets } from "./compare-result-sets.js";

/** pass: the answer's result holds the expected rows. fail: wrong or failed. unanswered: the planner said it cannot. error: the expected SQL itself failed. */
export type EvalVerdict = "pass" | "fail" | "unanswered" | "error";

export interface EvalOutcome {
  id: string;
  question: string;
  verdict: EvalVerdict;
  /** Why it did not pass, in a few words. */
  note: string;
  ms: number;
  runId?: string;
}

export interface EvalReport {
  outcomes: EvalOutcome[];
  passed: number;
  total: number;
  /** Questions whose expected SQL failed: the set needs fixing, the planner is not to blame. */
  errors: number;
}

export interface RunEvalSetOptions {
  set: EvalSet;
  /** Answers one question the way `skiff ask` would, returning its run record. */
  answer(question: EvalQuestion): Promise<RunRecord>;
  /** The expected rows, straight from the lake. */
  expected(sql: string): Promise<Cell[][]>;
  /** Called after each question, for progress output. */
  onOutcome?(outcome: EvalOutcome): void;
}

const firstLine = (text: string) => (text.split("\n")[0] ?? "").slice(0, 120);

/** Execution accuracy over an eval set: each question answered, its result compared with what the expected SQL returns. */
export async function runEvalSet(options: RunEvalSetOptions): Promise<EvalReport> {
  const outcomes: EvalOutcome[] = [];
  for (const question of options.set.questions) {
    const started = performance.now();
    const outcome = await judge(question, options);
    const done = { ...outcome, ms: Math.round(performance.now() - started) };
    outcomes.push(done);
    options.onOutcome?.(done);
  }
  return {
    outcomes,
    passed: outcomes.filter((o) => o.verdict === "pass").length,
    total: outcomes.length,
    errors: outcomes.filter((o) => o.verdict === "error").length,
  };
}

async function judge(question: EvalQuestion, options: RunEvalSetOptions): Promise<Omit<EvalOutcome, "ms">> {
  const base = { id: question.id, question: question.question };
  let expected: Cell[][];
  try {
    expected = await options.expected(question.sql);
  } catch (error) {
    return { ...base, verdict: "error", note: `expected SQL failed: ${firstLine(error instanceof Error ? error.message : String(error))}` };
  }
  const run = await options.answer(question);
  const withRun = { ...base, runId: run.id };
  if (run.status === "unanswerable") return { ...withRun, verdict: "unanswered", note: firstLine(run.answer) };
  if (run.status === "failed") return { ...withRun, verdict: "fail", note: `run failed: ${firstLine(run.answer)}` };
  const comparison = compareResultSets(run.result?.rows ?? [], expected, { ordered: question.ordered });
  return comparison.match ? { ...withRun, verdict: "pass", note: "" } : { ...withRun, verdict: "fail", note: comparison.reason };
}
