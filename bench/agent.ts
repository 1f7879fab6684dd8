/**
 * `npm run bench:agent [latency-ms] [iterations]`: the Claude planner against a
 * fake Messages API with fixed latency, on the scale-1 demo lake and on a
 * synthetic 10,000-table catalog. Prints per question the model round trips,
 * prompt tokens (≈ chars/4, as the fake estimates them), the time outside the
 * model (engine and planner) and the planner's
 * overhead excluding model time; then prompt tokens per round trip on the big
 * catalog against the size a full-schema dump would have had.
 */
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { loadCatalog } from "../catalog/load-catalog.js";
import type { Catalog } from "../catalog/model/catalog.js";
import { createCatalogSearch } from "../catalog/search-catalog.js";
import { fixedClock } from "../shared/clock.js";
import { loadConfig } from "../shared/config.js";
import { silentLogger } from "../shared/logger.js";
import { packageRoot } from "../shared/package-root.js";
import type { RunRecord } from "../shared/run-record.js";
import { createEngine } from "../workers/engine/create-engine.js";
import { answerQuestion } from "../workers/pipeline/answer-question.js";
import { createClaudePlanner } from "../workers/planner/claude/create-claude-planner.js";
import type { AgentPlan } from "../workers/planner/claude/run-agent-loop.js";
import type { Planner } from "../workers/planner/planner.js";
import { renderTableCard } from "../workers/planner/claude/describe/render-table-card.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../workers/sources/source-adapter.js";
import { estimateTokens } from "../test/fakes/anthropic/estimate-usage.js";
import { startFakeAnthropic } from "../test/fakes/anthropic/start-fake-anthropic.js";
import { demoLakePath, TEST_AS_OF } from "../test/fixtures/demo-lake.js";
import { FakeSourceAdapter } from "../test/fixtures/fake-source-adapter.js";
import { createMemoryRunStore } from "../test/fixtures/memory-run-store.js";
import { benchScript, type BenchQuestion } from "./agent/bench-script.js";
import { syntheticCatalog } from "./agent/synthetic-catalog.js";

const latencyMs = Number(process.argv[2] ?? 200);
const iterations = Number(process.argv[3] ?? 7);
const budgets = { maxSteps: 10, deadlineMs: 60_000, maxTokens: 1_000_000, maxOutputTokens: 2_048 };
const today = "TIMESTAMP '2026-11-30 00:00:00'";
const now = "TIMESTAMP '2026-11-30 12:00:00'";

const demoQuestions: BenchQuestion[] = [
  { question: "How many requests today?", search: "requests traffic", describe: "analytics.http_requests", source: "analytics", sql: `SELECT sum(sample_interval) AS requests FROM analytics.http_requests WHERE ts >= ${today} AND ts < ${now}` },
  { question: "Top 10 countries by requests in the last 7 days", search: "requests country", describe: "requests", source: "analytics", sql: "SELECT country, sum(sample_interval) AS requests FROM analytics.http_requests WHERE ts >= TIMESTAMP '2026-11-23 12:00:00' AND ts < TIMESTAMP '2026-11-30 12:00:00' GROUP BY country ORDER BY requests DESC LIMIT 10" },
  { question: "Zone signups by plan this month", search: "zone signups plan", describe: "accounts.zones", source: "accounts", sql: "SELECT plan, count(*) AS zones FROM accounts.zones WHERE created_at >= TIMESTAMP '2026-11-01 00:00:00' GROUP BY plan" },
  { question: "Cost by product in the last 30 days", search: "cost product", describe: "billing.usage_daily", source: "billing", sql: "SELECT product, sum(cost_usd) AS cost FROM billing.usage_daily WHERE usage_date >= DATE '2026-10-31' GROUP BY product" },
  { question: "Which plans do new accounts pick this month?", search: "accounts plan", describe: "accounts.accounts.plan", source: "accounts", sql: "SELECT plan, count(*) AS accounts FROM accounts.accounts WHERE created_at >= TIMESTAMP '2026-11-01 00:00:00' GROUP BY plan" },
];

const engineTools = new Set(["run_query", "query_metric", "combine"]);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function runQuestions(catalog: Catalog, sources: Map<string, SourceAdapter>, questions: BenchQuestion[], label: string) {
  const fake = await startFakeAnthropic({ script: benchScript(questions), latencyMs });
  const clock = fixedClock(TEST_AS_OF);
  const engine = createEngine({ catalog, sources, limits: loadConfig({}).limits, clock, logger: silentLogger });
  const indexStarted = performance.now();
  const search = createCatalogSearch(catalog);
  const indexMs = performance.now() - indexStarted;
  const client = new Anthropic({ apiKey: "bench", baseURL: fake.url, maxRetries: 0 });
  const claude = createClaudePlanner({ catalog, client, model: "claude-sonnet-5-5", budgets, search });
  // Times the planner alone, so the pipeline around it (scratch close, run store) is not billed to it.
  let plannerMs = 0;
  const planner: Planner = {
    kind: claude.kind,
    async answer(request, runner) {
      const started = performance.now();
      try {
        return await claude.answer(request, runner);
      } finally {
        plannerMs = performance.now() - started;
      }
    },
  };
  const runStore = createMemoryRunStore();
  const deps = { catalog, engine, planner, runStore, clock, logger: silentLogger, deadlineMs: 60_000 };
  console.log(`\n${label}: ${catalog.tables.size.toLocaleString("en-US")} tables (search index built in ${indexMs.toFixed(0)} ms), model latency ${latencyMs} ms, ${iterations} runs per question after 1 warm-up`);
  console.log(`${"question".padEnd(48)} ${"trips".padStart(5)} ${"prompt tok".padStart(10)} ${"max/trip".padStart(8)} ${"non-model p50".padStart(13)} ${"engine p50".padStart(10)} ${"planner p50".padStart(11)}`);
  const overheads: number[] = [];
  const nonModel: number[] = [];
  const maxPerTrip: number[] = [];
  for (const q of questions) {
    const runs: Array<{ record: RunRecord; plan: AgentPlan; wall: number; plannerMs: number }> = [];
    for (let i = 0; i <= iterations; i++) {
      const started = performance.now();
      const record = await answerQuestion(deps, { question: q.question, asker: "bench" });
      const wall = performance.now() - started;
      if (record.status !== "answered") throw new Error(`"${q.question}" was not answered: ${record.answer}`);
      if (i > 0) runs.push({ record, plan: record.plan as AgentPlan, wall, plannerMs });
    }
    const overhead = runs.map((r) => r.wall - r.plan.modelMs);
    // Engine time: the tools that run statements (guard, source, masking, scratch saves and joins).
    const engineMs = runs.map((r) => r.plan.steps.filter((s) => engineTools.has(s.tool)).reduce((sum, s) => sum + s.ms, 0));
    const plannerOnly = runs.map((r, i) => r.plannerMs - r.plan.modelMs - (engineMs[i] ?? 0));
    const plan = runs[0]!.plan;
    const prompt = plan.promptTokens.reduce((a, b) => a + b, 0);
    const max = Math.max(...plan.promptTokens);
    overheads.push(percentile(plannerOnly, 50));
    nonModel.push(percentile(overhead, 50));
    maxPerTrip.push(max);
    console.log(
      `${q.question.slice(0, 48).padEnd(48)} ${String(plan.roundTrips).padStart(5)} ${prompt.toLocaleString("en-US").padStart(10)} ${max.toLocaleString("en-US").padStart(8)} ${`${percentile(overhead, 50).toFixed(1)} ms`.padStart(13)} ${`${percentile(engineMs, 50).toFixed(1)} ms`.padStart(10)} ${`${percentile(plannerOnly, 50).toFixed(1)} ms`.padStart(11)}`,
    );
  }
  engine.close();
  await fake.close();
  return { overheadP50: percentile(overheads, 50), nonModelP50: percentile(nonModel, 50), maxPromptPerTrip: Math.max(...maxPerTrip) };
}

const lake = await demoLakePath();
const demoCatalog = await loadCatalog(join(packageRoot(), "catalog", "demo"));
const demoSources = new Map<string, SourceAdapter>();
for (const source of demoCatalog.sources.values()) demoSources.set(source.name, createSourceAdapter(source, { SKIFF_DEMO_DB: lake }));
const demo = await runQuestions(demoCatalog, demoSources, demoQuestions, "demo catalog on the scale-1 demo lake");
await Promise.all([...demoSources.values()].map((s) => s.close()));

const big = syntheticCatalog(10_000);
const firstTable = [...big.tables.values()][4_321]!;
const bigQuestions: BenchQuestion[] = [
  { question: "Refunded payments by channel in the apac region", search: "payments apac refunded channel", describe: `warehouse.${firstTable.name}`, source: "warehouse", sql: `SELECT channel, sum(amount_usd) AS refunded FROM ${firstTable.physical} WHERE status = 'refunded' GROUP BY channel` },
];
const warehouse = new FakeSourceAdapter({ name: "warehouse", answer: { columns: [{ name: "channel", type: "VARCHAR" }, { name: "refunded", type: "DOUBLE" }], rows: [["web", 10.5], ["app", 3.25]], rowCount: 2, truncated: false, ms: 0 } });
const synthetic = await runQuestions(big, new Map([["warehouse", warehouse]]), bigQuestions, "synthetic catalog (fake warehouse source)");
const dumpTokens = estimateTokens([...big.tables.values()].map((table) => renderTableCard(big, table)).join("\n\n"));

console.log("\nsummary");
console.log(`planner overhead excluding model and engine time, p50 over demo questions: ${demo.overheadP50.toFixed(1)} ms (target ≤ 30 ms)`);
console.log(`everything but model time (planner, engine: guard, SQL, masking, scratch; pipeline: run store, scratch close), p50: ${demo.nonModelP50.toFixed(1)} ms`);
console.log(`largest prompt per round trip: demo ${demo.maxPromptPerTrip.toLocaleString("en-US")} tokens; 10,000-table catalog ${synthetic.maxPromptPerTrip.toLocaleString("en-US")} tokens (target ≤ 6,000)`);
console.log(`a full-schema dump of the 10,000-table catalog would be ≈ ${dumpTokens.toLocaleString("en-US")} tokens per round trip (${Math.round(dumpTokens / synthetic.maxPromptPerTrip).toLocaleString("en-US")}× more)`);
