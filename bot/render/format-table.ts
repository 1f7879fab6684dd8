import type { Cell } from "../../shared/query-result.js";
import { codeBlock } from "./code-block.js";

/** Slack caps a section's text at 3,000 characters; a longer table is cut with a note, leaving room for the row count. */
const maxChars = 2_800;
const maxCellChars = 40;
/** One formatter for every cell: `toLocaleString` with options builds a new one per call. */
const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

function show(cell: Cell): string {
  if (cell === null) return "∅";
  const text = typeof cell === "number" ? numberFormat.format(cell) : String(cell);
  return text.length > maxCellChars ? `${text.slice(0, maxCellChars - 1)}…` : text;
}

/**
 * A small result as a mrkdwn code block (numbers right-aligned). Widths are
 * measured on the values as shown, then the block escapes them, so a `<` in
 * a cell still takes one column.
 */
export function formatTable(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = rows.map((row) => columns.map((_, index) => show(row[index] ?? null)));
  const numeric = columns.map((_, index) => rows.length > 0 && rows.every((row) => typeof row[index] === "number" || row[index] === null));
  const widths = columns.map((name, index) => Math.max(name.length, ...cells.map((row) => (row[index] ?? "").length)));
  const line = (values: readonly string[]) =>
    values.map((value, index) => (numeric[index] ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0))).join("  ").trimEnd();
  const lines = [line(columns), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)];
  return codeBlock(lines.join("\n"), { maxChars, cutNote: "… (cut; the run page has every row)" });
}
