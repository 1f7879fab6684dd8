export const catalogSearchKinds = ["table", "column", "metric", "entity", "dimension", "segment", "glossary"] as const;
export type CatalogSearchKind = (typeof catalogSearchKinds)[number];

/** What the search index holds for one catalog item. Text fields are tokenized; the rest is returned as is. */
export interface CatalogSearchDocument {
  id: number;
  kind: CatalogSearchKind;
  /** Table id, `table_id.column`, metric/entity/dimension/segment name, or glossary term. */
  name: string;
  /** One line for a hit list. */
  summary: string;
  /** Indexed, strongest first. */
  nameText: string;
  synonymText: string;
  descriptionText: string;
  /** What is inside or around the item: a table's columns and their values, a column's values, a metric's table. */
  contextText: string;
}
