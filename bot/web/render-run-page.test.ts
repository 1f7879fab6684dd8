import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../shared/run-record.js";
import { renderRunPage } from "./render-run-page.js";

const evil = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>&amp;`;

const record: RunRecord = {
  id: "r_page",
  question: `question ${evil}`,
  asker: `asker ${evil}`,
  asOf: `asof ${evil}`,
  createdAt: `created ${evil}`,
  planner: "claude",
  status: "answered",
  answer: `answer ${evil}`,
  result: { columns: [`col ${evil}`, "n"], rows: [[`cell ${evil}`, -5], [null, true]] },
  caveats: [{ kind: "assumption", message: `caveat ${evil}` }],
  queries: [{ id: `q1 ${evil}`, source: `source ${evil}`, sql: `SELECT '${evil}'`, executedSql: `SELECT '${evil}' FROM (SELECT 1)`, purpose: `purpose ${evil}`, rows: 1, ms: 2, truncated: true, error: `error ${evil}`, bytes: 10 }],
  plan: {},
  durationMs: 3,
};

describe("renderRunPage", () => {
  it("escapes every value from the run, its queries, its result and its feedback", () => {
    const html = renderRunPage(record, {
      csvUrl: `/q/r_page.csv?exp=1&sig=a"><script>`,
      feedback: [{ runId: "r_page", user: `user ${evil}`, rating: "down", comment: `comment ${evil}`, createdAt: `at ${evil}` }],
    });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/"'>|&(?!amp;|lt;|gt;|quot;|#39;)/);
    const escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;";
    for (const label of ["question", "asker", "asof", "created", "answer", "col", "cell", "caveat", "q1", "source", "purpose", "error", "user", "comment", "at"]) {
      expect(html, label).toContain(`${label} ${escaped}`);
    }
    expect(html).toContain(`SELECT &#39;${escaped}&#39;`);
    expect(html).toContain(`<summary>as it ran at the source (personal data pseudonymised)</summary><pre>SELECT &#39;${escaped}&#39; FROM (SELECT 1)</pre>`);
    expect(html).toContain(`href="/q/r_page.csv?exp=1&amp;sig=a&quot;&gt;&lt;script&gt;"`);
  });
});
