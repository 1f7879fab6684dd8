import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { demoLakePath, TEST_AS_OF } from "./fixtures/demo-lake.js";
import { lakeTruth } from "./fixtures/lake-truth.js";

interface Captured {
  code: number;
  out: string;
  err: string;
}

let lake: string;
let home: string;

async function skiff(...args: string[]): Promise<Captured> {
  let out = "";
  let err = "";
  const code = await main(["node", "skiff", ...args], {
    io: { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) },
    env: { SKIFF_DEMO_DB: lake, SKIFF_HOME: home, SKIFF_LOG_LEVEL: "silent" },
  });
  return { code, out, err };
}

async function ask(question: string) {
  const run = await skiff("ask", "--json", "--as-of", TEST_AS_OF.toISOString(), question);
  expect(run.err).toBe("");
  return { ...run, json: JSON.parse(run.out) as AskJson };
}

interface AskJson {
  run_id: string;
  question: string;
  status: string;
  answer: string;
  result: { columns: string[]; rows: unknown[][] };
  caveats: Array<{ kind: string; message: string }>;
  queries: Array<{ source: string; sql: string; rows: number; ms: number }>;
  planner: string;
}

const truth = (sql: string) => lakeTruth(lake, sql);

const today = "TIMESTAMP '2026-11-30 00:00:00'";
const now = "TIMESTAMP '2026-11-30 12:00:00'";

beforeAll(async () => {
  lake = await demoLakePath();
  home = await mkdtemp(join(tmpdir(), "skiff-ask-"));
});

describe("skiff ask on the demo lake", () => {
  it("counts today's signups in today's top 100 by traffic, across two sources", async () => {
    const { code, json } = await ask("How many domains that signed up today are in the top 100 by traffic?");
    const [expected] = await truth(`
      WITH top AS (SELECT zone_id FROM analytics.http_requests WHERE ts >= ${today} AND ts < ${now}
                   GROUP BY zone_id ORDER BY sum(sample_interval) DESC LIMIT 100)
      SELECT count(*) AS n FROM accounts.zones WHERE created_at >= ${today} AND created_at < ${now} AND zone_id IN (SELECT zone_id FROM top)`);
    expect(code).toBe(0);
    expect(json.status).toBe("answered");
    expect(json.answer).toMatch(new RegExp(`^${String(expected!.n)} of the \\d+ domains that signed up today are in the top 100 by requests today`));
    expect(json.result.rows).toHaveLength(Number(expected!.n));
    expect(json.queries.map((q) => q.source)).toEqual(["accounts", "analytics", "scratch"]);
    expect(json.caveats.map((c) => c.kind)).toContain("sampled");
    expect(json.caveats.find((c) => c.kind === "assumption" && /top 100 by traffic/.test(c.message))).toBeDefined();
    expect(json.planner).toBe("semantic");
  });

  it("ranks countries by sampling-weighted requests", async () => {
    const { json } = await ask("Top 10 countries by requests in the last 7 days");
    const expected = await truth(`SELECT country, sum(sample_interval) AS requests FROM analytics.http_requests
      WHERE ts >= TIMESTAMP '2026-11-23 12:00:00' AND ts < ${now} GROUP BY country ORDER BY requests DESC, country LIMIT 10`);
    expect(json.result.columns).toEqual(["country", "requests"]);
    expect(json.result.rows).toEqual(expected.map((r) => [r.country, Number(r.requests)]));
    expect(json.caveats.map((c) => c.kind)).toContain("sampled");
  });

  it("counts signups per day this week", async () => {
    const { json } = await ask("How many zones signed up each day this week?");
    const [expected] = await truth(`SELECT count(*) AS n FROM accounts.zones WHERE created_at >= ${today} AND created_at < ${now}`);
    expect(json.result.columns).toEqual(["day", "new_zones"]);
    expect(json.result.rows).toEqual([["2026-11-30T00:00:00.000Z", Number(expected!.n)]]);
  });

  it("ranks accounts by R2 storage cost with the change against the previous 30 days, with names from another source", async () => {
    const { json } = await ask("Top 5 accounts by R2 storage cost in the last 30 days, and the change versus the previous 30 days");
    const expected = await truth(`SELECT account_id,
        sum(CASE WHEN usage_date >= DATE '2026-10-31' THEN cost_usd ELSE 0 END)::DOUBLE AS cost,
        sum(CASE WHEN usage_date < DATE '2026-10-31' THEN cost_usd ELSE 0 END)::DOUBLE AS previous_cost
      FROM billing.usage_daily WHERE product = 'r2_storage' AND usage_date >= DATE '2026-10-01' AND usage_date < DATE '2026-11-30'
      GROUP BY account_id ORDER BY cost DESC LIMIT 5`);
    expect(json.result.columns).toEqual(["account_id", "name", "cost", "previous_cost", "change", "change_pct"]);
    expect(json.result.rows.map((r) => [r[0], r[2], r[3]])).toEqual(expected.map((e) => [Number(e.account_id), e.cost, e.previous_cost]));
    expect(json.result.rows.every((r) => typeof r[1] === "string")).toBe(true);
    expect(json.queries.map((q) => q.source)).toEqual(["billing", "accounts", "scratch"]);
  });

  it("gives the share of cache hits yesterday", async () => {
    const { json } = await ask("What share of requests were cache hits yesterday?");
    const [expected] = await truth(`SELECT sum(CASE WHEN cache_status = 'hit' THEN sample_interval ELSE 0 END) / sum(sample_interval) AS share
      FROM analytics.http_requests WHERE ts >= TIMESTAMP '2026-11-29 00:00:00' AND ts < ${today}`);
    const share = Number(json.result.rows[0]![0]);
    expect(share).toBeCloseTo(Number(expected!.share), 10);
    expect(json.answer).toBe(`${(share * 100).toFixed(1)}% of requests yesterday were cache hits.`);
  });

  it("breaks bandwidth down by cache status", async () => {
    const { json } = await ask("Bandwidth by cache status for the last 24 hours");
    const expected = await truth(`SELECT cache_status, sum(edge_response_bytes * sample_interval) AS b FROM analytics.http_requests
      WHERE ts >= TIMESTAMP '2026-11-29 12:00:00' AND ts < ${now} GROUP BY cache_status ORDER BY b DESC`);
    expect(json.result.rows).toEqual(expected.map((e) => [e.cache_status, Number(e.b)]));
  });

  it("counts new enterprise accounts this month", async () => {
    const { json } = await ask("New enterprise accounts this month");
    const [expected] = await truth(`SELECT count(*) AS n FROM accounts.accounts WHERE plan = 'enterprise' AND created_at >= TIMESTAMP '2026-11-01 00:00:00' AND created_at < ${now}`);
    expect(json.result.rows).toEqual([[Number(expected!.n)]]);
    expect(json.answer).toBe(`${String(expected!.n)} new accounts (plan = enterprise) this month.`);
  });

  it("says billing for today is not loaded yet", async () => {
    const { json } = await ask("R2 storage cost today");
    expect(json.caveats.find((c) => c.kind === "stale")?.message).toMatch(/usage_daily/);
  });

  it("says a 60-day traffic question reaches past retention", async () => {
    const { json } = await ask("requests in the last 60 days");
    expect(json.caveats.find((c) => c.kind === "retention")?.message).toMatch(/30 days/);
  });

  it.each([
    ["", /empty/],
    ["x".repeat(10_000), /10,000 characters/],
    ["🚀🔥💯", /no words/],
  ])("refuses bad input %#: exit 2 and one line", async (question, reason) => {
    const run = await skiff("ask", question);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(reason);
    expect(run.err.trim().split("\n")).toHaveLength(1);
    expect(run.out).toBe("");
  });

  it("refuses a question it cannot map, saying what it can answer", async () => {
    const run = await skiff("ask", "--as-of", TEST_AS_OF.toISOString(), "'; DROP TABLE accounts.zones; --");
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/Skiff couldn't map "drop", "table"/);
    expect(run.out).toMatch(/Skiff can answer about: requests/);
    const [zones] = await truth("SELECT count(*) AS n FROM accounts.zones");
    expect(Number(zones!.n)).toBeGreaterThan(0);
  });

  it("refuses a statement that writes, naming the rule, and runs nothing", async () => {
    const run = await skiff("sql", "--source", "accounts", "DELETE FROM accounts.zones");
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^skiff: rejected \(/);
    const [zones] = await truth("SELECT count(*) AS n FROM accounts.zones");
    expect(Number(zones!.n)).toBe(10_000);
  });

  it("runs a read-only statement with the same JSON shape and masks PII", async () => {
    const run = await skiff("sql", "--source", "accounts", "--json", "SELECT account_id, email FROM accounts.accounts ORDER BY account_id LIMIT 3");
    const json = JSON.parse(run.out) as AskJson;
    expect(run.code).toBe(0);
    expect(json.result.columns).toEqual(["account_id", "email"]);
    expect(json.result.rows.every((r) => /^\[email:[0-9a-f]{16}\]$/.test(String(r[1])))).toBe(true);
    expect(json.caveats.map((c) => c.kind)).toContain("pii_masked");
  });

  it("fails a malformed catalog with the file and path", async () => {
    const run = await skiff("catalog", "validate", "test/fixtures/catalogs/broken-enum");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/catalog\.yaml:\d+:\d+ tables\[0\]\.columns\[1\]\.pii/);
  });

  it("keeps every answer: runs show prints the run with its queries", async () => {
    const { json } = await ask("Top 10 countries by requests in the last 7 days");
    const shown = await skiff("runs", "show", "--json", json.run_id);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toEqual(json);
    const missing = await skiff("runs", "show", "r_nope");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no run r_nope/);
  });

  it.each([[], ["ask"], ["sql"], ["catalog"], ["catalog", "validate"], ["catalog", "search"], ["demo", "seed"], ["runs", "show"]])(
    "has --help for %j",
    async (...command) => {
      const run = await skiff(...command.flat(), "--help");
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/Usage: skiff/);
    },
  );
});
