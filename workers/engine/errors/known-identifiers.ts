import type { Catalog } from "../../../catalog/model/catalog.js";
import { tokenizeSql } from "../guard/tokenize-sql.js";

/**
 * Names an engine error may quote and the model may see: every word and quoted identifier of the
 * statement (never its string literals), and the reviewed tables and columns of the statement's source
 * (DuckDB lists candidate columns). Lower-cased.
 */
export function knownIdentifiers(options: { sql: string; catalog?: Catalog; source?: string }): Set<string> {
  const known = new Set<string>();
  const tokens = tokenizeSql(options.sql, false) ?? tokenizeSql(options.sql, true);
  if (tokens) {
    for (const token of tokens) if (token.kind === "word" || token.kind === "quoted") known.add(token.text.toLowerCase());
  } else {
    // A statement whose quotes never close: only its bare words count, read with the literals cut out.
    for (const word of options.sql.replace(/'[^']*(?:'|$)/g, " ").match(/[A-Za-z_][A-Za-z0-9_$]*/g) ?? []) known.add(word.toLowerCase());
  }
  if (options.catalog && options.source !== undefined) {
    known.add(options.source.toLowerCase());
    for (const table of options.catalog.tables.values()) {
      if (table.source !== options.source || table.review === "pending") continue;
      known.add(table.name.toLowerCase());
      for (const part of (table.physical ?? table.name).split(".")) known.add(part.toLowerCase());
      for (const column of table.columns) if (column.review !== "pending") known.add(column.name.toLowerCase());
    }
  }
  return known;
}
