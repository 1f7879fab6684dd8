import type { ChaosRow } from "./chaos-row.js";

const time = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? "—" : ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`);

/** The table as Markdown (it goes into the README as printed), one row per scenario, with each scenario's notes and problems under it. */
export function formatChaosTable(rows: readonly ChaosRow[]): string {
  const header = ["#", "scenario", "Redis", "sent", "answered once", "right", "honest failure / partial", "refused (asked to retry)", "lost", "duplicated", "wrong", "answer ≠ its run record", "event-to-answer p50 / p99", "recovery", "drained"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((h, i) => (i >= 3 && i <= 11 ? "---:" : "---")).join("|")}|`];
  for (const row of rows) {
    const cells = row.skipped
      ? [String(row.number), row.name, row.redis, `not run: ${row.skipped}`, "", "", "", "", "", "", "", "", "", "", ""]
      : [
          String(row.number),
          row.name,
          row.redis,
          String(row.sent),
          String(row.answeredOnce),
          String(row.right),
          String(row.honest),
          String(row.refused),
          String(row.lost),
          row.reUpdated > 0 ? `${row.duplicated} (${row.reUpdated} re-updates of one message)` : String(row.duplicated),
          String(row.wrong),
          String(row.mismatched),
          `${time(row.p50Ms)} / ${time(row.p99Ms)}`,
          time(row.recoveryMs),
          time(row.drainedMs),
        ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const details = rows.flatMap((row) => [
    `${row.number}. ${row.name}: ${row.fault}`,
    ...row.notes.map((n) => `     ${n}`),
    ...row.problems.slice(0, 12).map((p) => `   ✗ ${p}`),
    ...(row.problems.length > 12 ? [`   ✗ … and ${row.problems.length - 12} more`] : []),
  ]);
  return [...lines, "", ...details].join("\n");
}
