import { isRatioMetric } from "../../../../catalog/model/metric-schema.js";
import { physicalName, tableId, type Catalog } from "../../../../catalog/model/catalog.js";
import type { Column } from "../../../../catalog/model/column-schema.js";
import type { Table } from "../../../../catalog/model/table-schema.js";

function columnLine(column: Column): string {
  const parts = [`- ${column.name} ${column.type}`];
  if (column.description) parts.push(`: ${column.description}`);
  if (column.pii) parts.push(` [PII ${column.pii}: every query sees keyed pseudonyms, [${column.pii}:<16 hex>]; count distinct, group and join on it, never filter it by a written value]`);
  if (column.values) parts.push(` values: ${column.values.join(", ")}`);
  if (column.synonyms.length > 0) parts.push(` (also: ${column.synonyms.join(", ")})`);
  return parts.join("");
}

function lag(ms: number): string {
  const minutes = ms / 60_000;
  return minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
}

/** Everything the catalog knows about a table, cheapest grounding first; live facts are added by the caller. */
export function renderTableCard(catalog: Catalog, table: Table): string {
  const id = tableId(table);
  const source = catalog.sources.get(table.source);
  const lines = [
    `table ${id} on source ${table.source}${source ? ` (${source.kind})` : ""}; in SQL: ${physicalName(table)}`,
    table.description,
    `grain: ${table.grain}; owner: ${table.owner}`,
  ];
  if (table.entity) lines.push(`home table of entity ${table.entity}`);
  const keys = Object.entries(table.keys);
  if (keys.length > 0) lines.push(`join keys: ${keys.map(([entity, column]) => `${entity} = ${column}`).join(", ")}`);
  lines.push("columns:", ...table.columns.filter((c) => c.review !== "pending").map(columnLine));
  if (table.sampling) lines.push(`sampling: each row stands for ${table.sampling.weight} events; count = sum(${table.sampling.weight}), sum(x) = sum(x * ${table.sampling.weight}). ${table.sampling.description}`.trim());
  if (table.freshness) lines.push(`freshness: newest ${table.freshness.column} is promised within ${lag(table.freshness.maxLag)} of now`);
  if (table.retention) lines.push(`retention: ${table.retention.days} days on ${table.retention.column}; older rows are gone`);
  const metrics = [...catalog.metrics.values()].filter((m) => !isRatioMetric(m) && m.table === id).map((m) => m.name);
  if (metrics.length > 0) lines.push(`metrics on it: ${metrics.join(", ")}`);
  const segments = [...catalog.segments.values()].filter((s) => s.table === id).map((s) => `${s.name} (${s.where})`);
  if (segments.length > 0) lines.push(`segments: ${segments.join("; ")}`);
  const dimensions = [...catalog.dimensions.values()].filter((d) => d.table === id).map((d) => `${d.name} = ${d.expression}`);
  if (dimensions.length > 0) lines.push(`dimensions: ${dimensions.join("; ")}`);
  const terms = catalog.glossary.filter((g) => g.refs.includes(id) || g.refs.some((ref) => metrics.includes(ref)) || (table.entity !== undefined && g.refs.includes(table.entity)));
  for (const term of terms) lines.push(`glossary ${term.term}: ${term.definition}`);
  if (table.sql) lines.push(`derived by:\n${table.sql.trim()}`);
  if (table.notes) lines.push(`notes:\n${table.notes.trim()}`);
  return lines.join("\n");
}
