import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { createDuckDbRunStore } from "../shared/run-store/create-duckdb-run-store.js";
import { startFakeAnthropic, type FakeAnthropic } from "./fakes/anthropic/start-fake-anthropic.js";
import { toolUse, turn } from "./fakes/anthropic/fake-turns.js";
import { demoLakePath, TEST_AS_OF } from "./fixtures/demo-lake.js";

let lake: string;
let fake: FakeAnthropic | undefined;

beforeAll(async () => {
  lake = await demoLakePath();
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function skiff(options: { env?: Record<string, string>; input?: string[]; home: string }, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(["node", "skiff", ...args], {
    io: { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), ...(options.input ? { input: Readable.from(options.input) } : {}) },
    env: { SKIFF_DEMO_DB: lake, SKIFF_HOME: options.home, SKIFF_LOG_LEVEL: "silent", ...options.env },
  });
  return { code, out, err };
}

describe("skiff chat and ask with the Claude planner", () => {
  it("carries the conversation into a follow-up and records one thread", async () => {
    const home = await mkdtemp(join(tmpdir(), "skiff-chat-"));
    fake = await startFakeAnthropic({
      script: [
        turn(toolUse("query_metric", { metric: "new_zones", time_range: "today", save_as: "signups" })),
        turn(toolUse("answer", { text: "30 zones signed up today.", result: "signups" })),
        turn(toolUse("query_metric", { metric: "new_zones", time_range: "today", group_by: ["plan"], save_as: "by_plan" })),
        turn(toolUse("answer", { text: "Today's signups by plan.", result: "by_plan" })),
      ],
    });
    const run = await skiff(
      { home, env: { ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: fake.url }, input: ["How many zones signed up today?\n", "\n", "now break that down by plan\n", "exit\n", "never asked\n"] },
      "chat",
      "--as-of",
      TEST_AS_OF.toISOString(),
    );
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/skiff chat \(claude planner\)/);
    expect(run.out).toMatch(/30 zones signed up today\.[\s\S]*Today's signups by plan\./);
    expect(run.out).not.toContain("never asked");
    expect(fake.requests).toHaveLength(4);
    const followUp = fake.requests[2]!.body.messages;
    expect(followUp[0]?.content).toBe("How many zones signed up today?");
    expect(followUp[1]?.content).toMatch(/^30 zones signed up today\.\nq1 on accounts \(1 rows\): SELECT count\(\*\) AS new_zones FROM accounts\.zones/);
    expect(JSON.stringify(followUp[2]?.content)).toContain("now break that down by plan");

    const store = createDuckDbRunStore({ path: join(home, "runs.duckdb") });
    try {
      const runs = await store.list();
      // Both runs are stamped with the fixed --as-of clock, so the store's newest-first order is a tie.
      expect(runs.map((r) => r.question).sort()).toEqual(["How many zones signed up today?", "now break that down by plan"]);
      expect(new Set(runs.map((r) => r.threadId)).size).toBe(1);
      for (const run of runs) expect(run.usage?.costUsd).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it("chats with the semantic planner, each question on its own", async () => {
    const home = await mkdtemp(join(tmpdir(), "skiff-chat-"));
    const run = await skiff({ home, input: ["How many zones signed up today?\n", "Top 3 countries by requests today\n"] }, "chat", "--planner", "semantic", "--as-of", TEST_AS_OF.toISOString());
    expect(run.code).toBe(0);
    expect(run.out.match(/semantic planner/g)).toHaveLength(2);
  });

  it("ask picks Claude when a key is set, and --planner semantic overrides it", async () => {
    const home = await mkdtemp(join(tmpdir(), "skiff-ask-claude-"));
    fake = await startFakeAnthropic({ script: [turn(toolUse("query_metric", { metric: "requests", time_range: "today" })), turn(toolUse("answer", { text: "Requests today.", result: "q1" }))] });
    const env = { ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: fake.url };
    const claude = await skiff({ home, env }, "ask", "--json", "--as-of", TEST_AS_OF.toISOString(), "How many requests today?");
    const json = JSON.parse(claude.out) as { planner: string; answer: string; caveats: Array<{ kind: string }> };
    expect(json.planner).toBe("claude");
    expect(json.answer).toBe("Requests today.");
    expect(json.caveats.map((c) => c.kind)).toContain("sampled");

    const semantic = await skiff({ home, env }, "ask", "--json", "--planner", "semantic", "--as-of", TEST_AS_OF.toISOString(), "How many requests today?");
    expect((JSON.parse(semantic.out) as { planner: string }).planner).toBe("semantic");
    expect(fake.requests).toHaveLength(2);
  });

  it("refuses --planner claude without a key, saying what to set", async () => {
    const home = await mkdtemp(join(tmpdir(), "skiff-ask-claude-"));
    const run = await skiff({ home }, "ask", "--planner", "claude", "How many requests today?");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/needs ANTHROPIC_API_KEY; set it, or use --planner semantic/);
  });
});
