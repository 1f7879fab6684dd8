import type { StatementOutcome } from "./sql-json-output.js";

/** What happened to one statement, over every channel the harness reads. */
export interface CaseResult {
  id: string;
  engine: string;
  sql: string;
  outcome: StatementOutcome;
  /** The refusal's rule, when refused. */
  rule: string | undefined;
  /** Every raw value found, as `<channel>: <kind> "<value>" (<encoding>)`, and failed inference checks. */
  leaks: string[];
}

const headers = ["engine", "statements", "refused", "ran-and-masked", "ran-leaking", "failed", "leaks"] as const;

/**
 * The figures to quote, one row per engine and a total: a statement is
 * refused, failed, or ran (masked or leaking); `leaks` counts statements that
 * leaked through any channel, whatever their outcome.
 */
export function formatSummary(results: readonly CaseResult[], engines: readonly string[]): string {
  const row = (name: string, of: readonly CaseResult[]) => [
    name,
    of.length,
    of.filter((r) => r.outcome === "refused").length,
    of.filter((r) => r.outcome === "ran" && r.leaks.length === 0).length,
    of.filter((r) => r.outcome === "ran" && r.leaks.length > 0).length,
    of.filter((r) => r.outcome === "failed").length,
    of.filter((r) => r.leaks.length > 0).length,
  ];
  const rows = [...engines.map((engine) => row(engine, results.filter((r) => r.engine === engine))), row("total", results)];
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: ReadonlyArray<string | number>) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0))).join("  ");
  const rules = new Map<string, number>();
  for (const r of results) if (r.rule) rules.set(r.rule, (rules.get(r.rule) ?? 0) + 1);
  const leaking = results.filter((r) => r.leaks.length > 0);
  return [
    line(headers),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `refusals by rule: ${[...rules].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(", ") || "none"}`,
    ...(leaking.length === 0 ? ["no statement leaked a raw value"] : ["leaking statements:", ...leaking.map((r) => `  ${r.id} [${r.outcome}]: ${r.leaks.slice(0, 3).join("; ")}${r.leaks.length > 3 ? `; … ${r.leaks.length - 3} more` : ""}`)]),
  ].join("\n");
}
