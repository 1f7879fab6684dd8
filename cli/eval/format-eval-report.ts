import Table from "cli-table3";
import type { EvalReport } from "../../workers/eval/run-eval-set.js";

const percent = (part: number, whole: number) => (whole === 0 ? "0.0" : ((100 * part) / whole).toFixed(1));

/** The eval as a table, one question a row, then the total. */
export function formatEvalReport(report: EvalReport, options: { planner: string }): string {
  const table = new Table({ head: ["id", "verdict", "ms", "note"], style: { head: [], border: [], compact: true }, colAligns: ["left", "left", "right", "left"] });
  for (const o of report.outcomes) table.push([o.id, o.verdict, String(o.ms), o.note.slice(0, 90)]);
  const count = (verdict: string) => report.outcomes.filter((o) => o.verdict === verdict).length;
  const total = `execution accuracy (${options.planner} planner): ${report.passed}/${report.total} (${percent(report.passed, report.total)}%); ${count("fail")} wrong, ${count("unanswered")} unanswered, ${report.errors} harness errors`;
  return [table.toString(), total].join("\n");
}
