import { physicalName, tableId } from "../../../../catalog/model/catalog.js";
import type { Column } from "../../../../catalog/model/column-schema.js";
import type { Table } from "../../../../catalog/model/table-schema.js";
import type { ToolContext } from "../tool-context.js";

const shownValues = 8;

/** The most common values of a column, live and cached. Never for PII columns: the model does not see those values. */
export async function columnLiveValues(table: Table, column: Column, ctx: ToolContext): Promise<string> {
  if (column.pii) return `values: not shown (${column.pii} PII; results mask it)`;
  const sql = `SELECT ${column.name} AS value, count(*) AS row_count FROM ${physicalName(table)} GROUP BY ${column.name} ORDER BY row_count DESC, value LIMIT ${shownValues}`;
  return ctx.liveFacts.get(`${table.source}\n${sql}`, async () => {
    const [executed] = await ctx.runner.run([{ id: ctx.runner.nextId(), source: table.source, sql, purpose: `common values of ${tableId(table)}.${column.name} for describe` }]);
    if (!executed?.result) throw executed?.error ?? new Error("no result");
    const values = executed.result.rows.map((row) => `${JSON.stringify(row[0] ?? null)} (${Number(row[1]).toLocaleString("en-US")} rows)`);
    return `live most common values: ${values.join(", ")}`;
  });
}
