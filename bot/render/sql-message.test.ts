import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../shared/run-record.js";
import { hostile, hostileText } from "../../test/fixtures/hostile-text.js";
import { slackControls } from "../../test/fixtures/slack-controls.js";
import { sqlMessage } from "./sql-message.js";

function run(queries: RunRecord["queries"]): RunRecord {
  return { id: "r_sql", question: "q", asOf: "2025-11-30T00:00:00Z", createdAt: "2025-11-30T00:00:00Z", planner: "semantic", status: "answered", answer: "a", caveats: [], queries, plan: {}, durationMs: 1 };
}

const query = (id: string, sql: string): RunRecord["queries"][number] => ({ id, source: `src${hostile.fence}${hostile.here}`, sql, purpose: `Count ${hostileText}`, rows: 1, ms: 2, truncated: false });

describe("sqlMessage", () => {
  it("shows each statement in its own code block, escaped, with ``` in the SQL unable to end it", () => {
    const message = sqlMessage("r_sql", run([query("q1", `SELECT '${hostileText}' AS "${hostile.user}"`), query("q2", "SELECT 1 AS ```x```")]));
    expect(slackControls(message.text)).toEqual([]);
    expect(message.text.split("```")).toHaveLength(5);
    expect(message.text).toContain("&lt;!channel&gt;");
    expect(message).toMatchObject({ parse: "none", link_names: false });
  });

  it("cuts long SQL inside Slack's limit without splitting an entity or leaving a block open", () => {
    const long = `SELECT ${Array.from({ length: 2_000 }, (_, i) => `'<!here> & ${i}'`).join(", ")}`;
    const message = sqlMessage("r_sql", run([query("q1", "SELECT 1"), query("q2", long), query("q3", "SELECT 3")]));
    expect(message.text.length).toBeLessThanOrEqual(3_900);
    expect(message.text.split("```")).toHaveLength(5);
    expect(slackControls(message.text)).toEqual([]);
    expect(message.text).toContain("View queries* has every statement in full");
    expect(message.text).not.toContain("q3");
  });

  it("escapes the run id of a run it cannot find", () => {
    expect(slackControls(sqlMessage("<!channel>", undefined).text)).toEqual([]);
  });
});
