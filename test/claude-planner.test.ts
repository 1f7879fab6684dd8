import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startClaudeHarness, type ClaudeHarness } from "./fakes/anthropic/claude-harness.js";
import type { FakeRequestBody } from "./fakes/anthropic/fake-anthropic-types.js";
import { apiError, text, toolUse, turn } from "./fakes/anthropic/fake-turns.js";
import { demoLakePath } from "./fixtures/demo-lake.js";
import { lakeTruth } from "./fixtures/lake-truth.js";

let lake: string;
let harness: ClaudeHarness | undefined;
const today = "TIMESTAMP '2026-11-30 00:00:00'";
const now = "TIMESTAMP '2026-11-30 12:00:00'";

beforeAll(async () => {
  lake = await demoLakePath();
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(...args: Parameters<typeof startClaudeHarness>): Promise<ClaudeHarness> {
  harness = await startClaudeHarness(...args);
  return harness;
}

/** The tool results the planner sent in a request's newest turn. */
function toolResults(body: FakeRequestBody | undefined): Array<{ content: string; is_error?: boolean }> {
  const last = body?.messages[body.messages.length - 1];
  if (!last || typeof last.content === "string") return [];
  return last.content.filter((b) => b.type === "tool_result") as Array<{ content: string; is_error?: boolean }>;
}

describe("Claude planner on the demo lake (fake Messages API, real SDK and engine)", () => {
  it("answers a grounded question: search, describe, query, answer; caching markers on; no masked value reaches the model", async () => {
    const sql = `SELECT plan, count(*) AS zones FROM accounts.zones WHERE created_at >= ${today} AND created_at < ${now} GROUP BY plan ORDER BY plan`;
    const h = await start({
      script: [
        turn(text("Looking for signups."), toolUse("search_catalog", { query: "zone signups" })),
        turn(toolUse("describe", { name: "accounts.zones" }), toolUse("describe", { name: "accounts.zones.plan" })),
        turn(toolUse("run_query", { source: "accounts", sql: "SELECT name, email FROM accounts.accounts ORDER BY account_id LIMIT 3", purpose: "peek at contacts" })),
        turn(toolUse("run_query", { source: "accounts", sql, purpose: "signups today by plan", save_as: "signups_by_plan" })),
        turn(toolUse("answer", { text: "Zones signed up today, by plan.", result: "signups_by_plan", assumptions: ["today = since 00:00 UTC"] })),
      ],
    });
    const run = await h.ask("How many zones signed up today, by plan?");
    const expected = await lakeTruth(lake, sql);

    expect(run.status).toBe("answered");
    expect(run.planner).toBe("claude");
    expect(run.answer).toBe("Zones signed up today, by plan.");
    expect(run.result?.rows).toEqual(expected.map((r) => [r.plan, Number(r.zones)]));
    expect(run.caveats).toContainEqual({ kind: "assumption", message: "today = since 00:00 UTC" });
    expect(run.caveats.map((c) => c.kind)).toContain("pii_masked");
    expect(run.queries.map((q) => q.purpose)).toEqual([
      "live facts for describe accounts.zones",
      "common values of accounts.zones.plan for describe",
      "peek at contacts",
      "signups today by plan",
    ]);
    expect(run.usage!.inputTokens + run.usage!.cacheWriteTokens).toBeGreaterThan(0);
    expect(run.usage?.cacheReadTokens).toBeGreaterThan(0);
    expect(run.usage?.costUsd).toBeGreaterThan(0);
    expect((run.plan as { steps: unknown[] }).steps).toHaveLength(6);

    const requests = h.fake.requests.map((r) => r.body);
    expect(requests).toHaveLength(5);
    for (const body of requests) {
      expect(body.model).toBe("claude-sonnet-5-5");
      expect(Array.isArray(body.system) && body.system.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
      expect(body.tools?.map((t) => t.name)).toEqual(["search_catalog", "describe", "run_query", "query_metric", "combine", "answer"]);
      expect(body.tools?.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
    }
    expect(JSON.stringify(requests[0]!.messages)).toContain("now is 2026-11-30T12:00:00.000Z");
    // The search result grounded the model; the card it asked for came with live facts and known values.
    expect(toolResults(requests[1])[0]?.content).toMatch(/metric new_zones/);
    expect(toolResults(requests[2])[0]?.content).toMatch(/live: [\d,]+ rows/);
    expect(toolResults(requests[2])[1]?.content).toMatch(/live most common values: "(free|pro|business|enterprise)"/);

    // The catalog is never sent whole: tables the model never described never appear, and the first prompt is small.
    const everything = JSON.stringify(requests);
    expect(everything).not.toContain("edge_response_bytes");
    expect(everything).not.toContain("usage_daily");
    expect(JSON.stringify(requests[0]).length).toBeLessThan(12_000);

    // Masked values: the real emails never reach the model.
    const emails = await lakeTruth(lake, "SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 3");
    for (const { email } of emails) expect(everything).not.toContain(String(email));
  });

  it("answers across sources with save_as and combine", async () => {
    const h = await start({
      script: [
        turn(
          toolUse("query_metric", { metric: "requests", group_by: ["zone"], time_range: "today", order: "desc", limit: 100, save_as: "top_zones" }),
          toolUse("run_query", { source: "accounts", sql: `SELECT zone_id, domain FROM accounts.zones WHERE created_at >= ${today} AND created_at < ${now}`, save_as: "new_zones" }),
        ),
        turn(toolUse("combine", { sql: "SELECT n.zone_id, n.domain FROM new_zones n JOIN top_zones t USING (zone_id) ORDER BY n.zone_id", purpose: "new zones in the top 100" })),
        turn(toolUse("answer", { text: "These zones signed up today and are in the top 100 by requests.", result: "combine1" })),
      ],
    });
    const run = await h.ask("Which domains that signed up today are in the top 100 by traffic?");
    const expected = await lakeTruth(
      lake,
      `WITH top AS (SELECT zone_id FROM analytics.http_requests WHERE ts >= ${today} AND ts < ${now}
                    GROUP BY zone_id ORDER BY sum(sample_interval) DESC, zone_id LIMIT 100)
       SELECT zone_id, domain FROM accounts.zones WHERE created_at >= ${today} AND created_at < ${now} AND zone_id IN (SELECT zone_id FROM top) ORDER BY zone_id`,
    );
    expect(run.status).toBe("answered");
    expect(run.queries.map((q) => q.source)).toEqual(["analytics", "accounts", "scratch"]);
    expect(run.result?.rows).toEqual(expected.map((r) => [Number(r.zone_id), r.domain]));
    expect(run.caveats.map((c) => c.kind)).toContain("sampled");
    const metricResult = toolResults(h.fake.requests[1]?.body)[0]?.content ?? "";
    expect(metricResult).toMatch(/saved as top_zones/);
    expect(metricResult).toMatch(/sum\(sample_interval\)/);
  });

  it("feeds a SQL error back and the model repairs the statement", async () => {
    const h = await start({
      script: [
        turn(toolUse("run_query", { source: "accounts", sql: "SELECT count(*) AS n FROM accounts.zones WHERE plna = 'pro'" })),
        turn(toolUse("run_query", { source: "accounts", sql: "SELECT count(*) AS n FROM accounts.zones WHERE plan = 'pro'" })),
        turn(toolUse("answer", { text: "Pro zones counted.", result: "q2" })),
      ],
    });
    const run = await h.ask("How many pro zones are there?");
    const [expected] = await lakeTruth(lake, "SELECT count(*) AS n FROM accounts.zones WHERE plan = 'pro'");
    const fed = toolResults(h.fake.requests[1]?.body)[0];
    expect(fed?.is_error).toBe(true);
    expect(fed?.content).toMatch(/q1 failed on accounts: .*plna/s);
    expect(run.status).toBe("answered");
    expect(run.result?.rows).toEqual([[Number(expected!.n)]]);
    expect(run.queries[0]?.error).toMatch(/plna/);
  });

  it("refuses a write the model attempts; nothing runs and the model is told why", async () => {
    const before = await lakeTruth(lake, "SELECT count(*) AS n FROM accounts.zones");
    const h = await start({
      script: [
        turn(toolUse("run_query", { source: "accounts", sql: "DELETE FROM accounts.zones WHERE plan = 'free'" })),
        turn(toolUse("run_query", { source: "accounts", sql: "SELECT 1 AS one; DROP TABLE accounts.zones" })),
        turn(toolUse("answer", { text: "I can only read data; I will not delete zones." })),
      ],
    });
    const run = await h.ask("Delete all free zones");
    const refusals = [toolResults(h.fake.requests[1]?.body)[0], toolResults(h.fake.requests[2]?.body)[0]];
    for (const refusal of refusals) {
      expect(refusal?.is_error).toBe(true);
      expect(refusal?.content).toMatch(/refused by the guard; nothing ran/);
    }
    expect(run.queries.every((q) => q.error !== undefined && q.rows === 0)).toBe(true);
    expect(await lakeTruth(lake, "SELECT count(*) AS n FROM accounts.zones")).toEqual(before);
    expect(run.answer).toMatch(/only read/);
  });

  it("tells the model when a filter or join returns zero rows", async () => {
    const h = await start({
      script: [
        turn(
          toolUse("run_query", { source: "accounts", sql: "SELECT count(*) AS n FROM accounts.zones WHERE plan = 'platinum' GROUP BY plan" }),
          toolUse("run_query", { source: "accounts", sql: "SELECT z.zone_id FROM accounts.zones z JOIN accounts.accounts a ON a.account_id = z.zone_id + 100000000" }),
        ),
        turn(toolUse("answer", { text: "No zone is on a platinum plan; plans are free, pro, business and enterprise." })),
      ],
    });
    const run = await h.ask("How many platinum zones?");
    const [filtered, joined] = toolResults(h.fake.requests[1]?.body);
    expect(filtered?.content).toMatch(/0 rows[\s\S]*check: zero rows\. If rows were expected, check filter values/);
    expect(joined?.content).toMatch(/check: zero rows\. A join or filter dropped everything/);
    expect(run.status).toBe("answered");
  });

  it("checks retention and freshness for the period a model-written statement covers", async () => {
    const h = await start({
      script: [
        turn(toolUse("run_query", { source: "analytics", sql: "SELECT sum(sample_interval) AS requests FROM analytics.http_requests", time_range: "last 60 days" })),
        turn(toolUse("answer", { text: "Requests over the last 60 days.", result: "q1" })),
      ],
    });
    const run = await h.ask("How many requests in the last 60 days?");
    expect(run.caveats.map((c) => c.kind)).toEqual(expect.arrayContaining(["retention", "sampled"]));
    expect(toolResults(h.fake.requests[1]?.body)[0]?.content).toMatch(/caveat retention: /);
  });

  it("gives an honest partial answer when the step budget runs out", async () => {
    const h = await start({
      budgets: { maxSteps: 2 },
      script: [
        turn(toolUse("query_metric", { metric: "requests", time_range: "today" })),
        turn(toolUse("search_catalog", { query: "more requests" })),
        turn(toolUse("answer", { text: "never reached" })),
      ],
    });
    const run = await h.ask("How many requests today?");
    expect(h.fake.requests).toHaveLength(2);
    expect(run.status).toBe("answered");
    expect(run.answer).toMatch(/could not finish this answer: the step budget \(2 model turns\) ran out/);
    expect(run.answer).toMatch(/q1: requests, today/);
    expect(run.caveats[0]?.kind).toBe("partial");
    expect(run.result?.rows).toHaveLength(1);
    expect((run.plan as { stopReason: string }).stopReason).toBe("max_steps");
  });

  it("stops at the token budget", async () => {
    const h = await start({
      budgets: { maxTokens: 500 },
      script: [turn(toolUse("search_catalog", { query: "requests" })), turn(toolUse("answer", { text: "never reached" }))],
    });
    const run = await h.ask("How many requests today?");
    expect(h.fake.requests).toHaveLength(1);
    expect(run.answer).toMatch(/token budget \(500 tokens\) ran out/);
    expect(run.caveats.map((c) => c.kind)).toContain("partial");
  });

  it("retries 429 and 529 (honouring retry-after), then answers", async () => {
    const h = await start({
      maxRetries: 2,
      script: [apiError(429), apiError(529), turn(toolUse("answer", { text: "Nothing to look up." }))],
    });
    const run = await h.ask("Say hello");
    expect(h.fake.requests).toHaveLength(3);
    expect(run.status).toBe("answered");
    expect(run.answer).toBe("Nothing to look up.");
  });

  it("fails clearly, with the run id, when the API keeps failing", async () => {
    const h = await start({ maxRetries: 1, script: [apiError(500), apiError(500)] });
    const run = await h.ask("How many requests today?");
    expect(h.fake.requests).toHaveLength(2);
    expect(run.status).toBe("failed");
    expect(run.answer).toMatch(/Claude's API kept failing \(HTTP 500, server error\) after 1 retries.*--planner semantic/);
    expect(run.answer).toContain(`(run ${run.id})`);
  });

  it("turns malformed tool input and unknown tools into error results, never crashes", async () => {
    const h = await start({
      script: [
        turn(toolUse("run_query", { source: "accounts" }), toolUse("drop_everything", {}), toolUse("query_metric", { metric: "requests", time_range: "the blue moon" })),
        turn(toolUse("answer", { text: "Fixed nothing.", result: "nope" })),
        turn(toolUse("answer", { text: "Done." })),
      ],
    });
    const run = await h.ask("How many requests?");
    const [badInput, unknownTool, badTime] = toolResults(h.fake.requests[1]?.body);
    expect(badInput).toMatchObject({ is_error: true });
    expect(badInput?.content).toMatch(/invalid input for run_query[\s\S]*sql/);
    expect(unknownTool?.content).toMatch(/no tool named "drop_everything"; tools: search_catalog, describe, run_query, query_metric, combine, answer/);
    expect(badTime?.content).toMatch(/could not read time_range "the blue moon"/);
    expect(toolResults(h.fake.requests[2]?.body)[0]?.content).toMatch(/no result named "nope"/);
    expect(run.status).toBe("answered");
    expect(run.answer).toBe("Done.");
  });

  it("fails the run with a reason when the response itself is malformed", async () => {
    const h = await start({ script: [{ kind: "raw", body: { id: "msg_1", type: "message", content: "not blocks" } }] });
    const run = await h.ask("How many requests?");
    expect(run.status).toBe("failed");
    expect(run.answer).toMatch(/the model's response was malformed/);
  });

  it("puts the conversation so far in the messages for a follow-up", async () => {
    const h = await start({
      script: [
        turn(toolUse("query_metric", { metric: "new_zones", time_range: "today", save_as: "signups" })),
        turn(toolUse("answer", { text: "Zones signed up today.", result: "signups" })),
        turn(toolUse("query_metric", { metric: "new_zones", time_range: "today", group_by: ["plan"] })),
        turn(toolUse("answer", { text: "By plan.", result: "q1" })),
      ],
    });
    const first = await h.ask("How many zones signed up today?");
    const second = await h.ask("now break that down by plan", [first]);
    const followUp = h.fake.requests[2]!.body.messages;
    expect(followUp.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(followUp[0]?.content).toBe("How many zones signed up today?");
    expect(followUp[1]?.content).toMatch(/Zones signed up today\.[\s\S]*q1 on accounts \(1 rows\): SELECT count\(\*\)/);
    expect(second.result?.columns).toEqual(["plan", "new_zones"]);
  });
});
