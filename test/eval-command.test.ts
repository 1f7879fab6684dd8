import { join } from "node:path";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load-catalog.js";
import type { EvalSet } from "../catalog/model/eval-set-schema.js";
import { main } from "../cli/main.js";
import { packageRoot } from "../shared/package-root.js";
import { replayEvalScript, type ReplayPlan } from "./fakes/anthropic/replay-eval-script.js";
import { startFakeAnthropic, type FakeAnthropic } from "./fakes/anthropic/start-fake-anthropic.js";
import { demoLakePath, TEST_AS_OF } from "./fixtures/demo-lake.js";

const today = "ts >= TIMESTAMP '2026-11-30 00:00:00' AND ts < TIMESTAMP '2026-11-30 12:00:00'";
const signedUpToday = "created_at >= TIMESTAMP '2026-11-30 00:00:00' AND created_at < TIMESTAMP '2026-11-30 12:00:00'";
const last30Days = "usage_date >= DATE '2026-10-31' AND usage_date <= DATE '2026-11-30'";

/** Cross-source questions, answered the way the agent must: one statement per source, saved, then combined. */
const crossSourcePlans: Record<string, ReplayPlan> = {
  "signups-in-top-100-today": [
    [
      { name: "query_metric", input: { metric: "requests", group_by: ["zone"], time_range: "today", order: "desc", limit: 100, save_as: "top" } },
      { name: "run_query", input: { source: "accounts", sql: `SELECT zone_id, domain FROM accounts.zones WHERE ${signedUpToday}`, save_as: "signups" } },
    ],
    [{ name: "combine", input: { sql: "SELECT zone_id, domain FROM signups WHERE zone_id IN (SELECT zone_id FROM top)", save_as: "expected" } }],
  ],
  "enterprise-cost-30d": [
    [
      { name: "run_query", input: { source: "accounts", sql: "SELECT account_id FROM accounts.accounts WHERE plan = 'enterprise'", save_as: "enterprise" } },
      { name: "run_query", input: { source: "billing", sql: `SELECT account_id, sum(cost_usd) AS cost FROM billing.usage_daily WHERE ${last30Days} GROUP BY account_id`, save_as: "cost" } },
    ],
    [{ name: "combine", input: { sql: "SELECT sum(c.cost) FROM cost c JOIN enterprise e ON e.account_id = c.account_id", save_as: "expected" } }],
  ],
  "free-zone-requests-today": [
    [
      { name: "run_query", input: { source: "accounts", sql: "SELECT zone_id FROM accounts.zones WHERE plan = 'free'", save_as: "free_zones" } },
      { name: "run_query", input: { source: "analytics", sql: `SELECT zone_id, sum(sample_interval) AS requests FROM analytics.http_requests WHERE ${today} GROUP BY zone_id`, save_as: "zone_requests" } },
    ],
    [{ name: "combine", input: { sql: "SELECT sum(r.requests) FROM zone_requests r JOIN free_zones f ON f.zone_id = r.zone_id", save_as: "expected" } }],
  ],
};

let lake: string;
let home: string;
let set: EvalSet;
let fake: FakeAnthropic | undefined;

async function skiff(env: Record<string, string>, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(["node", "skiff", ...args], {
    io: { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) },
    env: { SKIFF_HOME: home, SKIFF_LOG_LEVEL: "silent", ...env },
  });
  return { code, out, err };
}

const accuracy = (out: string) => /execution accuracy \((\w+) planner\): (\d+)\/(\d+)/.exec(out);

beforeAll(async () => {
  lake = await demoLakePath();
  home = await mkdtemp(join(tmpdir(), "skiff-eval-"));
  const catalog = await loadCatalog(join(packageRoot(), "catalog", "demo"));
  set = catalog.evals!;
});

afterAll(async () => {
  await fake?.close();
});

describe("skiff eval", () => {
  it("has a demo eval set of at least 25 questions over all three sources, at the test lake's clock", () => {
    expect(set.questions.length).toBeGreaterThanOrEqual(25);
    expect(new Date(set.asOf)).toEqual(TEST_AS_OF);
    for (const source of ["accounts", "analytics", "billing"]) expect(set.questions.some((q) => q.sql.includes(`${source}.`))).toBe(true);
    expect(new Set(set.questions.map((q) => q.id)).size).toBe(set.questions.length);
  });

  it("scores the semantic planner honestly and exits 0 on a low score", async () => {
    const run = await skiff({}, "eval", "--planner", "semantic", "--lake", lake);
    expect(run.code).toBe(0);
    for (const question of set.questions) expect(run.out).toContain(question.id);
    const [, planner, passed, total] = accuracy(run.out) ?? [];
    expect(planner).toBe("semantic");
    expect(Number(total)).toBe(set.questions.length);
    // What the offline planner answers today; a drop is a regression.
    expect(Number(passed)).toBeGreaterThanOrEqual(18);
    expect(Number(passed)).toBeLessThan(Number(total));
    expect(run.out).not.toMatch(/\berror\b.*expected SQL failed/);
  });

  it("scores 100% with a fake model that replays the expected SQL through the Claude planner's tools", async () => {
    fake = await startFakeAnthropic({ script: replayEvalScript(set, crossSourcePlans) });
    const run = await skiff({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: fake.url }, "eval", "--lake", lake);
    const [, planner, passed, total] = accuracy(run.out) ?? [];
    expect(run.err).toBe("");
    expect(planner).toBe("claude");
    expect(run.out.split("\n").filter((line) => /│ (fail|unanswered|error) /.test(line))).toEqual([]);
    expect(Number(passed)).toBe(Number(total));
    expect(run.code).toBe(0);
    // Every question's prompt carried the caching markers and none carried the catalog.
    for (const request of fake.requests) {
      expect(request.body.tools?.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
      expect(JSON.stringify(request.body.system)).not.toContain("edge_response_bytes");
    }
  });

  it("exits non-zero when the set itself is broken", async () => {
    const file = join(home, "broken.yaml");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(file, `evals:\n  asOf: "${TEST_AS_OF.toISOString()}"\n  questions:\n    - id: broken\n      question: How many requests today?\n      sql: SELECT nope FROM analytics.nothing\n`);
    const run = await skiff({}, "eval", "--planner", "semantic", "--lake", lake, "--set", file);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/broken\s*│ error/);
    expect(run.out).toMatch(/1 harness errors/);
  });
});
