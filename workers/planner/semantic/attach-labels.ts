import { physicalName, tableId } from "../../../catalog/model/catalog.js";
import type { RunResult } from "../../../shared/run-record.js";
import type { ExecutedQuery } from "../../engine/planned-query.js";
import { renderString } from "../../sql/render-literal.js";
import type { QueryRunner } from "../query-runner.js";
import { requireResult } from "./require-result.js";

export interface AttachLabelsOptions {
  runner: QueryRunner;
  executed: ExecutedQuery;
  result: RunResult;
  /** Result column holding the entity's id. */
  column: string;
  entity: string;
  metric: string;
  order: "asc" | "desc";
}

/** Most ids worth a lookup; a longer result keeps bare ids rather than ship a huge IN list. */
const maxIds = 200;

/**
 * Puts a readable label beside entity ids (account_id → name) by looking the ids
 * up in the entity's home table, which may live on another source, and joining in
 * the run's scratch database.
 */
export async function attachLabels(options: AttachLabelsOptions): Promise<RunResult> {
  const { runner, executed, result, column, metric } = options;
  const entity = runner.catalog.entities.get(options.entity);
  const home = entity ? runner.catalog.tables.get(entity.table) : undefined;
  if (!entity?.label || !home || tableId(home) === executed.tables[0] || result.rows.length === 0 || result.rows.length > maxIds) {
    return result;
  }
  const index = result.columns.indexOf(column);
  const ids = [...new Set(result.rows.map((row) => row[index]).filter((v) => v !== null && v !== undefined))];
  const literals = ids.map((id) => (typeof id === "number" ? String(id) : renderString(String(id))));
  const key = entity.key === column ? column : `${entity.key} AS ${column}`;
  const [labels] = (await runner.run([
    {
      id: runner.nextId(),
      source: home.source,
      sql: `SELECT ${key}, ${entity.label}\nFROM ${physicalName(home)}\nWHERE ${entity.key} IN (${literals.join(", ")})`,
      purpose: `${entity.label} of each ${entity.name} in the result`,
    },
  ])) as [ExecutedQuery];
  if (labels.error) return result;
  await runner.save("metric_rows", executed);
  await runner.save("labels", labels);
  const rest = result.columns.filter((c) => c !== column).map((c) => `m.${c}`);
  const direction = options.order === "asc" ? "ASC" : "DESC";
  const combined = await runner.combine(
    `SELECT m.${column}, l.${entity.label}, ${rest.join(", ")}\nFROM metric_rows m LEFT JOIN labels l USING (${column})\nORDER BY m.${metric} ${direction} NULLS LAST, m.${column}`,
    `put each ${entity.name}'s ${entity.label} beside its id`,
  );
  return requireResult(combined);
}
