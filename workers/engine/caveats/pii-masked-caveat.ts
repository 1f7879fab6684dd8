import type { PiiClass } from "../../../catalog/model/column-schema.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { Caveat } from "../../../shared/caveat.js";
import type { QueryResult } from "../../../shared/query-result.js";
import type { SqlToken } from "../guard/tokenize-sql.js";

/**
 * The `pii_masked` caveat for a statement that read substituted tables: names
 * the result columns that show pseudonyms (however they got there: a `*`, a
 * whole-row reference, an alias) and the PII columns the statement used
 * without showing them. It says what still works, and what silently does not:
 * a comparison with a written value never matches a pseudonym.
 */
export function piiMaskedCaveat(options: { substituted: readonly Table[]; tokens: readonly SqlToken[]; result: QueryResult | undefined }): Caveat | undefined {
  const shown: string[] = [];
  const classes = new Set<PiiClass>();
  const result = options.result;
  result?.columns.forEach((column, index) => {
    const cell = result.rows.find((row) => typeof row[index] === "string")?.[index];
    const match = typeof cell === "string" ? pseudonymInText.exec(cell) : null;
    if (!match) return;
    shown.push(column.name);
    classes.add(match[1] as PiiClass);
  });
  const named = new Set(options.tokens.filter((token) => token.kind === "word" || token.kind === "quoted").map((token) => token.text.toLowerCase()));
  const used: string[] = [];
  for (const table of options.substituted) {
    for (const column of table.columns) {
      if (column.pii === undefined || !named.has(column.name.toLowerCase())) continue;
      classes.add(column.pii);
      if (!shown.includes(column.name) && !used.includes(column.name)) used.push(column.name);
    }
  }
  if (shown.length === 0 && used.length === 0) return undefined;
  const parts: string[] = [];
  if (shown.length > 0) parts.push(`${listed(shown)} ${shown.length === 1 ? "shows" : "show"} keyed pseudonyms, not the values`);
  if (used.length > 0) parts.push(`${listed(used)} ${used.length === 1 ? "was" : "were"} used through ${used.length === 1 ? "its" : "their"} pseudonyms`);
  return {
    kind: "pii_masked",
    message: `personal data (${listed([...classes])}) is replaced at the source: ${parts.join("; ")}. Counting distinct values, grouping and joining on it still work; reading the values, or comparing them with a written value, does not`,
  };
}

const pseudonymInText = /\[([a-z_]+):[0-9a-f]{16}\]/;

function listed(names: readonly string[]): string {
  return names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] as string}`;
}
