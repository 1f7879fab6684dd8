import pluralize from "pluralize";
import { tableId } from "../../../catalog/model/catalog.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { Caveat } from "../../../shared/caveat.js";

/** What one row stands for, in the table's own words where its grain says ("… each row stands for sample_interval requests"). */
function sampledUnit(table: Table): string {
  const stated = /each row stands for \S+ ([a-z][a-z ]*[a-z])/i.exec(table.grain)?.[1];
  if (stated) return stated;
  const perSampled = /one row per sampled ([a-z][a-z ]*[a-z])/i.exec(table.grain)?.[1];
  return perSampled ? pluralize(perSampled) : "rows";
}

/** The `sampled` caveat for a table that has sampling, or undefined. */
export function sampledCaveat(table: Table): Caveat | undefined {
  if (!table.sampling) return undefined;
  const id = tableId(table);
  const weight = table.sampling.weight;
  return {
    kind: "sampled",
    table: id,
    message: `${id} is sampled: each row stands for ${weight} ${sampledUnit(table)}, so counts are estimates weighted by ${weight}`,
  };
}
