import type { RunFeedback } from "../../shared/run-feedback.js";
import type { RunRecord } from "../../shared/run-record.js";
import { escapeHtml as h } from "./escape-html.js";

/** Rows the page shows; the CSV download has all of them. */
const pageRows = 1_000;

const style = `body{font:15px/1.45 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1d1c1d}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
th{background:#f6f6f6}pre{background:#f6f6f6;padding:.8em;overflow:auto;white-space:pre-wrap}
.meta{color:#616061}.caveat{margin:.2em 0}.error{color:#b00}`;

/** The run page (`/q/:id`): question, asker and time, the answer, caveats, every query, the result, a CSV link. */
export function renderRunPage(run: RunRecord, options: { csvUrl: string; feedback?: readonly RunFeedback[] }): string {
  const caveats = run.caveats.map((c) => `<li class="caveat"><b>${h(c.kind)}</b>: ${h(c.message)}</li>`).join("");
  const queries = run.queries
    .map(
      (q) => `<section><h3>${h(q.id)} · ${h(q.source)}</h3><p>${h(q.purpose)}</p><pre>${h(q.sql)}</pre>
${q.executedSql === undefined ? "" : `<details><summary>as it ran at the source (personal data pseudonymised)</summary><pre>${h(q.executedSql)}</pre></details>`}
<p class="meta">${h(q.rows)} rows · ${h(q.ms)} ms${q.truncated ? " · truncated" : ""}${q.bytes !== undefined ? ` · ${h(q.bytes)} bytes` : ""}</p>
${q.error ? `<p class="error">${h(q.error)}</p>` : ""}</section>`,
    )
    .join("\n");
  const result = run.result
    ? `<h2>Result</h2><p><a href="${h(options.csvUrl)}">Download CSV</a> · ${h(run.result.rows.length)} rows</p>
<table><thead><tr>${run.result.columns.map((c) => `<th>${h(c)}</th>`).join("")}</tr></thead><tbody>
${run.result.rows
  .slice(0, pageRows)
  .map((row) => `<tr>${row.map((cell) => `<td>${cell === null ? "∅" : h(cell)}</td>`).join("")}</tr>`)
  .join("\n")}
</tbody></table>${run.result.rows.length > pageRows ? `<p class="meta">first ${pageRows} rows shown; the CSV has every row</p>` : ""}`
    : "";
  const feedback = (options.feedback ?? [])
    .map((f) => `<li>${f.rating === "up" ? "👍" : "👎"} ${h(f.user)} · ${h(f.createdAt)}${f.comment ? `: ${h(f.comment)}` : ""}</li>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>Skiff · ${h(run.question)}</title><style>${style}</style></head><body>
<h1>${h(run.question)}</h1>
<p class="meta">asked by ${h(run.asker ?? "unknown")} · ${h(run.createdAt)} · as of ${h(run.asOf)} · ${h(run.status)} · ${h(run.planner)} planner · ${h(run.durationMs)} ms · run ${h(run.id)}</p>
<h2>Answer</h2><p>${h(run.answer)}</p>
${caveats ? `<h2>Caveats</h2><ul>${caveats}</ul>` : ""}
${result}
<h2>Queries (${h(run.queries.length)})</h2>
${queries || "<p>No queries ran.</p>"}
${feedback ? `<h2>Feedback</h2><ul>${feedback}</ul>` : ""}
</body></html>`;
}
