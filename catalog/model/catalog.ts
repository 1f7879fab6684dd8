import type { Dimension } from "./dimension-schema.js";
import type { Entity } from "./entity-schema.js";
import type { EvalSet } from "./eval-set-schema.js";
import type { GlossaryTerm } from "./glossary-term-schema.js";
import type { Metric } from "./metric-schema.js";
import type { Segment } from "./segment-schema.js";
import type { Source } from "./source-schema.js";
import type { Table } from "./table-schema.js";

/** A loaded, cross-checked catalog. Maps are keyed by name; tables by id (`source.table`). */
export interface Catalog {
  /** Folder the catalog was loaded from. */
  dir: string;
  sources: ReadonlyMap<string, Source>;
  tables: ReadonlyMap<string, Table>;
  entities: ReadonlyMap<string, Entity>;
  metrics: ReadonlyMap<string, Metric>;
  dimensions: ReadonlyMap<string, Dimension>;
  segments: ReadonlyMap<string, Segment>;
  glossary: readonly GlossaryTerm[];
  evals: EvalSet | undefined;
}

export function tableId(table: Pick<Table, "source" | "name">): string {
  return `${table.source}.${table.name}`;
}

/** The name a source's SQL uses for the table. */
export function physicalName(table: Pick<Table, "name" | "physical">): string {
  return table.physical ?? table.name;
}
