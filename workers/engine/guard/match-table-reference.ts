import { physicalName } from "../../../catalog/model/catalog.js";
import type { Table } from "../../../catalog/model/table-schema.js";

/**
 * Whether a reference names this table's physical name exactly, part for part.
 * A bare `zones` does not match `accounts.zones`: the engine resolves a bare
 * name through its search path, which may land on another schema's `zones`
 * that the catalog never admitted.
 */
export function matchesTable(parts: readonly string[], table: Pick<Table, "name" | "physical">, caseSensitive: boolean): boolean {
  const physical = physicalName(table).split(".");
  if (physical.length !== parts.length) return false;
  return physical.every((part, index) => {
    const written = parts[index] as string;
    return caseSensitive ? written === part : written.toLowerCase() === part.toLowerCase();
  });
}
