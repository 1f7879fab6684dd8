import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isMap, isSeq, parseDocument, type Document, YAMLMap, type YAMLSeq } from "yaml";
import { findCatalogFiles } from "../../catalog/load/find-catalog-files.js";
import type { IntrospectedTable } from "./introspect-source.js";

export interface SyncSummary {
  /** Tables new to the catalog, written as `review: pending`. */
  addedTables: string[];
  /** `physical.column` for columns new to tables the catalog already had. */
  addedColumns: string[];
  /** Introspected names Skiff cannot use as catalog identifiers (not lower_snake_case). */
  skipped: string[];
  /** Catalog files written, relative to the catalog folder. */
  files: string[];
}

const identifier = /^[a-z][a-z0-9_]*$/;

/**
 * Merges introspected tables into a catalog folder's YAML, editing documents
 * in place so hand-written descriptions and comments stay as they are: a new
 * column of a known table is appended to that table's entry (wherever it is
 * written) as `review: pending`; a new table goes to `synced/<source>.yaml` as
 * `review: pending` with placeholders a person fills in when reviewing it.
 */
export async function writeSyncedTables(catalogDir: string, source: string, tables: readonly IntrospectedTable[]): Promise<SyncSummary & { restore: () => Promise<void> }> {
  const files = await findCatalogFiles(catalogDir);
  const docs = new Map<string, { doc: Document; original: string }>();
  for (const file of files) {
    const original = await readFile(join(catalogDir, file), "utf8");
    docs.set(file, { doc: parseDocument(original), original });
  }
  const syncedFile = `synced/${source}.yaml`;
  const dirty = new Set<string>();
  const summary: SyncSummary = { addedTables: [], addedColumns: [], skipped: [], files: [] };

  const entries: Array<{ file: string; item: YAMLMap }> = [];
  for (const [file, { doc }] of docs) {
    const seq = doc.get("tables");
    if (!isSeq(seq)) continue;
    for (const item of seq.items) if (isMap(item) && item.get("source") === source) entries.push({ file, item });
  }
  const takenNames = new Set(entries.map(({ item }) => String(item.get("name"))));

  for (const table of tables) {
    const existing = entries.find(({ item }) => String(item.get("physical") ?? item.get("name")) === table.physical);
    const usable = table.columns.filter((column) => {
      if (identifier.test(column.name)) return true;
      summary.skipped.push(`${table.physical}.${column.name}`);
      return false;
    });
    if (existing) {
      const columns = existing.item.get("columns");
      if (!isSeq(columns)) continue;
      const known = new Set(columns.items.map((column) => (isMap(column) ? String(column.get("name")) : "")));
      for (const column of usable) {
        if (known.has(column.name)) continue;
        columns.add(newColumn(column.name, column.type));
        summary.addedColumns.push(`${table.physical}.${column.name}`);
        dirty.add(existing.file);
      }
      continue;
    }
    const name = tableName(table.physical, takenNames);
    if (name === undefined || usable.length === 0) {
      summary.skipped.push(table.physical);
      continue;
    }
    takenNames.add(name);
    let synced = docs.get(syncedFile);
    if (!synced) {
      synced = { doc: parseDocument(`# Tables catalog sync found on source ${source}. Review each (description, owner, grain, PII), then set review: reviewed.\ntables: []\n`), original: "" };
      docs.set(syncedFile, synced);
    }
    const seq = synced.doc.get("tables") as YAMLSeq;
    seq.flow = false;
    seq.add(
      synced.doc.createNode({
        name,
        source,
        physical: table.physical,
        description: `Found by catalog sync on ${source}; say what it holds.`,
        owner: "unassigned",
        grain: "unknown; say what one row is",
        review: "pending",
        columns: usable.map((column) => ({ name: column.name, type: column.type })),
      }),
    );
    summary.addedTables.push(table.physical);
    dirty.add(syncedFile);
  }

  for (const file of dirty) {
    const path = join(catalogDir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, String(docs.get(file)?.doc ?? ""));
    summary.files.push(file);
  }
  return {
    ...summary,
    restore: async () => {
      for (const file of dirty) {
        const original = docs.get(file)?.original ?? "";
        if (original === "") await rm(join(catalogDir, file), { force: true });
        else await writeFile(join(catalogDir, file), original);
      }
    },
  };
}

function newColumn(name: string, type: string): YAMLMap {
  const map = new YAMLMap();
  map.set("name", name);
  map.set("type", type);
  map.set("review", "pending");
  map.flow = true;
  return map;
}

/** The table's own name when it is a usable identifier and free, else schema_table. */
function tableName(physical: string, taken: ReadonlySet<string>): string | undefined {
  const parts = physical.split(".");
  const candidates = [parts.at(-1) ?? "", parts.join("_")].map((candidate) => candidate.toLowerCase());
  return candidates.find((candidate) => identifier.test(candidate) && !taken.has(candidate));
}
