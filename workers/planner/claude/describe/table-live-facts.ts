import { physicalName, tableId } from "../../../../catalog/model/catalog.js";
import type { Table } from "../../../../catalog/model/table-schema.js";
import type { ToolContext } from "../tool-context.js";

/** Row count (and the newest freshness value) of a table, live from its source, cached. */
export async function tableLiveFacts(table: Table, ctx: ToolContext): Promise<string> {
  const fresh = table.freshness?.column;
  const sql = `SELECT count(*) AS row_count${fresh ? `, max(${fresh}) AS newest` : ""} FROM ${physicalName(table)}`;
  return ctx.liveFacts.get(`${table.source}\n${sql}`, async () => {
    const [executed] = await ctx.runner.run([{ id: ctx.runner.nextId(), source: table.source, sql, purpose: `live facts for describe ${tableId(table)}` }]);
    const row = executed?.result?.rows[0];
    if (!row) throw executed?.error ?? new Error("no row");
    const count = Number(row[0]).toLocaleString("en-US");
    return `live: ${count} rows${fresh ? `; newest ${fresh} ${String(row[1])}` : ""}`;
  });
}
