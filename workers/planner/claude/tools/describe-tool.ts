import { tableId } from "../../../../catalog/model/catalog.js";
import type { Table } from "../../../../catalog/model/table-schema.js";
import { columnLiveValues } from "../describe/column-live-values.js";
import { renderMetricCard } from "../describe/render-metric-card.js";
import { renderTableCard } from "../describe/render-table-card.js";
import { tableLiveFacts } from "../describe/table-live-facts.js";
import type { DescribeInput } from "../tool-input-schemas.js";
import type { ToolContext, ToolOutcome } from "../tool-context.js";

/** Live facts are a bonus: a source that cannot answer leaves the card as the catalog has it. */
async function live(fetch: () => Promise<string>): Promise<string> {
  try {
    return await fetch();
  } catch (error) {
    return `live facts unavailable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function findTable(ctx: ToolContext, name: string): Table | undefined {
  const exact = ctx.catalog.tables.get(name);
  if (exact) return exact;
  const byName = [...ctx.catalog.tables.values()].filter((t) => t.name === name || t.physical === name);
  return byName.length === 1 ? byName[0] : undefined;
}

/** `describe`: a table's, column's or metric's full card from the catalog, plus live facts fetched on demand. */
export async function describeTool(input: DescribeInput, ctx: ToolContext): Promise<ToolOutcome> {
  const { catalog } = ctx;
  const name = input.name.trim();
  const table = findTable(ctx, name);
  if (table) return { content: `${renderTableCard(catalog, table)}\n${await live(() => tableLiveFacts(table, ctx))}` };

  const metric = catalog.metrics.get(name);
  if (metric) return { content: renderMetricCard(catalog, metric, ctx.runner) };

  const dot = name.lastIndexOf(".");
  if (dot > 0) {
    const columnTable = findTable(ctx, name.slice(0, dot));
    const column = columnTable?.columns.find((c) => c.name === name.slice(dot + 1) && c.review !== "pending");
    if (columnTable && column) {
      const lines = [`column ${tableId(columnTable)}.${column.name} ${column.type}: ${column.description}`];
      if (column.values) lines.push(`known values: ${column.values.join(", ")}`);
      const joins = Object.entries(columnTable.keys).filter(([, key]) => key === column.name).map(([entity]) => entity);
      if (joins.length > 0) lines.push(`join key for: ${joins.join(", ")}`);
      lines.push(await live(() => columnLiveValues(columnTable, column, ctx)));
      return { content: lines.join("\n") };
    }
  }

  const entity = catalog.entities.get(name);
  if (entity) {
    const home = catalog.tables.get(entity.table);
    const holders = [...catalog.tables.values()].filter((t) => t.keys[entity.name] !== undefined).map((t) => `${tableId(t)}.${t.keys[entity.name]}`);
    const head = `entity ${entity.name}: ${entity.description}\nid: ${entity.table}.${entity.key}${entity.label ? `; label column ${entity.label}` : ""}\njoin on: ${holders.join(", ")}`;
    return { content: home ? `${head}\n\n${renderTableCard(catalog, home)}` : head };
  }
  const dimension = catalog.dimensions.get(name);
  if (dimension) return { content: `dimension ${dimension.name} on ${dimension.table}: ${dimension.description}\nexpression: ${dimension.expression}` };
  const segment = catalog.segments.get(name);
  if (segment) return { content: `segment ${segment.name} on ${segment.table}: ${segment.description}\nwhere: ${segment.where}` };
  const term = catalog.glossary.find((g) => g.term.toLowerCase() === name.toLowerCase() || g.synonyms.some((s) => s.toLowerCase() === name.toLowerCase()));
  if (term) return { content: `glossary ${term.term}: ${term.definition}${term.refs.length > 0 ? `\nsee: ${term.refs.join(", ")}` : ""}` };

  const hits = ctx.search.search(name, { limit: 5 }).map((hit) => hit.name);
  return { isError: true, content: `nothing in the catalog is named "${name}".${hits.length > 0 ? ` Did you mean: ${hits.join(", ")}?` : " Use search_catalog."}` };
}
