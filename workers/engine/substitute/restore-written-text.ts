import type { QueryResult } from "../../../shared/query-result.js";
import { redactPiiKey, type PiiKey } from "./pii-key.js";
import type { SubstituteTablesOutcome } from "./substitute-tables.js";

const marker = "<pii key>";

/**
 * A result as if the statement had run as written. DuckDB names an unaliased
 * column after its (re-printed) expression, so `SELECT (SELECT count(*) FROM t)`
 * comes back named after the projection Skiff spliced in, key and all. The key
 * is redacted wherever it shows (names and cells), and each re-printed
 * projection, `(SELECT … <pii key> … FROM t) AS t`, is put back to `t`.
 */
export function restoreWrittenText(result: QueryResult, outcome: SubstituteTablesOutcome, key: PiiKey): QueryResult {
  if (outcome.splices.length === 0) return result;
  const written = [...new Set(outcome.splices.map((splice) => splice.written))];
  const marks = [key.innerPadHex, key.outerPadHex, key.keyHex].map((hex) => hex.slice(0, 32));
  const holdsKey = (text: string) => marks.some((mark) => text.includes(mark));
  const restore = (text: string) => collapseProjections(redactPiiKey(text, key), written);
  const columns = result.columns.map((column) => (holdsKey(column.name) ? { ...column, name: restore(column.name) } : column));
  const rows = result.rows.some((row) => row.some((cell) => typeof cell === "string" && holdsKey(cell)))
    ? result.rows.map((row) => row.map((cell) => (typeof cell === "string" && holdsKey(cell) ? restore(cell) : cell)))
    : result.rows;
  return { ...result, columns, rows };
}

/** Replaces each parenthesised group that holds the redaction marker and ends `FROM <written>)` by `<written>`. */
function collapseProjections(text: string, written: readonly string[]): string {
  let out = text;
  for (let at = out.indexOf(marker); at !== -1; at = out.indexOf(marker)) {
    const group = enclosingGroup(out, at);
    if (group === undefined) return out;
    const inner = out.slice(group.open + 1, group.close);
    const name = written.find((w) => inner.toLowerCase().endsWith(` from ${w.toLowerCase()}`));
    if (name === undefined) return out;
    // The alias Skiff adds to an unaliased mention is the table's own last name part; one the statement wrote stays.
    const alias = / AS ("[^"]*"|`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)/y;
    alias.lastIndex = group.close + 1;
    const found = alias.exec(out);
    const own = unquote(name.split(".").pop() ?? name).toLowerCase();
    const end = found && unquote(found[1] ?? "").toLowerCase() === own ? alias.lastIndex : group.close + 1;
    out = `${out.slice(0, group.open)}${name}${out.slice(end)}`;
  }
  return out;
}

/** The innermost `(SELECT …)` around `at` whose parentheses balance, ignoring those inside quotes. */
function enclosingGroup(text: string, at: number): { open: number; close: number } | undefined {
  for (let open = text.lastIndexOf("(SELECT ", at); open !== -1; open = text.lastIndexOf("(SELECT ", open - 1)) {
    const close = matchingClose(text, open);
    if (close !== undefined && close > at) return { open, close };
    if (open === 0) break;
  }
  return undefined;
}

function matchingClose(text: string, open: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth += 1;
    else if (c === ")") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return undefined;
}

function unquote(part: string): string {
  return part.trim().replace(/^["`]|["`]$/g, "");
}
