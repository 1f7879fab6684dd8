import { isQueryable, queryableColumns } from "../is-queryable.js";
import type { Catalog, Entity, Metric } from "../model/index.js";
import { isRatioMetric } from "../model/index.js";
import type { CatalogSearchDocument, CatalogSearchKind } from "./catalog-search-document.js";

type Fields = Omit<CatalogSearchDocument, "id" | "kind" | "name" | "summary">;

/**
 * Every searchable item of a catalog. Pending tables and columns are left
 * out, and so is whatever is defined over a pending table (its metrics,
 * dimensions, segments, the entity living there): search only offers what
 * the planner may use.
 */
export function catalogSearchDocuments(catalog: Catalog): CatalogSearchDocument[] {
  const documents: CatalogSearchDocument[] = [];
  const add = (kind: CatalogSearchKind, name: string, summary: string, fields: Fields): void => {
    documents.push({ id: documents.length, kind, name, summary: oneLine(summary), ...fields });
  };
  const usable = (id: string): boolean => {
    const table = catalog.tables.get(id);
    return table !== undefined && isQueryable(table);
  };

  const homes = new Map<string, Entity[]>();
  for (const entity of catalog.entities.values()) homes.set(entity.table, [...(homes.get(entity.table) ?? []), entity]);

  for (const [id, table] of catalog.tables) {
    if (!isQueryable(table)) continue;
    const columns = queryableColumns(table);
    // A table answers to its entity's words too: "domains" finds the zones table when domain is a zone synonym.
    const entities = homes.get(id) ?? [];
    add("table", id, table.description, {
      nameText: `${id} ${table.physical ?? ""}`,
      synonymText: words(entities.flatMap((entity) => [entity.name, ...entity.synonyms])),
      descriptionText: `${table.description} ${table.grain}`,
      contextText: words(columns.flatMap((column) => [column.name, ...column.synonyms, ...(column.values ?? [])])),
    });
    for (const column of columns) {
      add("column", `${id}.${column.name}`, column.description === "" ? `${column.type} column of ${id}` : column.description, {
        nameText: column.name,
        synonymText: words(column.synonyms),
        descriptionText: column.description,
        contextText: words([...(column.values ?? []), table.name]),
      });
    }
  }
  for (const metric of catalog.metrics.values()) {
    const table = metricTable(metric, catalog);
    if (table === undefined || !usable(table)) continue;
    add("metric", metric.name, metric.description, {
      nameText: `${metric.name} ${metric.label ?? ""}`,
      synonymText: words([...metric.synonyms, ...("events" in metric ? metric.events : [])]),
      descriptionText: metric.description,
      contextText: table,
    });
  }
  for (const entity of catalog.entities.values()) {
    if (!usable(entity.table)) continue;
    add("entity", entity.name, entity.description || `${entity.name}, one row each in ${entity.table}`, {
      nameText: entity.name,
      synonymText: words(entity.synonyms),
      descriptionText: entity.description,
      contextText: entity.table,
    });
  }
  for (const [kind, items] of [["dimension", catalog.dimensions], ["segment", catalog.segments]] as const) {
    for (const item of items.values()) {
      if (!usable(item.table)) continue;
      add(kind, item.name, item.description || `${kind} of ${item.table}`, {
        nameText: item.name,
        synonymText: words(item.synonyms),
        descriptionText: item.description,
        contextText: item.table,
      });
    }
  }
  for (const term of catalog.glossary) {
    add("glossary", term.term, term.definition, {
      nameText: term.term,
      synonymText: words(term.synonyms),
      descriptionText: term.definition,
      contextText: words(term.refs),
    });
  }
  return documents;
}

function metricTable(metric: Metric, catalog: Catalog): string | undefined {
  if (!isRatioMetric(metric)) return metric.table;
  const numerator = catalog.metrics.get(metric.numerator);
  return numerator === undefined || isRatioMetric(numerator) ? undefined : numerator.table;
}

function words(parts: readonly string[]): string {
  return parts.join(" ");
}

/** The first line, whitespace collapsed, short enough for a hit list. */
function oneLine(text: string): string {
  const line = (text.split("\n").find((part) => part.trim() !== "") ?? "").replace(/\s+/g, " ").trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
