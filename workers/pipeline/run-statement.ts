import type { Clock } from "../../shared/clock.js";
import type { RunRecord } from "../../shared/run-record.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import type { ExecutedQuery, PlannedQuery } from "../engine/planned-query.js";
import { newRunId } from "./new-run-id.js";
import { orderCaveats } from "./order-caveats.js";
import { saveRunRecord } from "./save-run-record.js";

export interface RunStatementDeps {
  engine: { run(query: PlannedQuery): Promise<ExecutedQuery> };
  runStore: RunStore;
  clock: Clock;
}

/**
 * One statement a person wrote, through the same guard, limits, masking and
 * caveats as a planned answer, recorded as a run of its own.
 */
export async function runStatement(deps: RunStatementDeps, input: { source: string; sql: string; asker?: string }): Promise<{ record: RunRecord; executed: ExecutedQuery }> {
  const started = performance.now();
  const asOf = deps.clock.now();
  const executed = await deps.engine.run({ id: "q1", source: input.source, sql: input.sql, purpose: "statement run as written" });
  const result = executed.result;
  const record: RunRecord = {
    id: newRunId(),
    question: input.sql,
    ...(input.asker ? { asker: input.asker } : {}),
    asOf: asOf.toISOString(),
    createdAt: asOf.toISOString(),
    planner: "sql",
    status: executed.error ? (executed.error.code === "SQL_REJECTED" ? "unanswerable" : "failed") : "answered",
    answer: executed.error
      ? executed.error.message
      : `${result?.rowCount ?? 0} row${result?.rowCount === 1 ? "" : "s"} from ${input.source}${result?.truncated ? " (cut at the row cap)" : ""}.`,
    ...(result ? { result: { columns: result.columns.map((c) => c.name), rows: result.rows } } : {}),
    caveats: orderCaveats(executed.caveats),
    queries: [executed.record],
    plan: { source: input.source },
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
  return { record: await saveRunRecord(deps.runStore, record), executed };
}
