/**
 * `npm run chaos [-- <scenarios> [burst]]`: Skiff's Slack path under faults,
 * every role its own process run from the build (`node dist/cli/serve.js
 * bot|agent|query`, rebuilt first when a source is newer), against a
 * redis-server of the suite's own (started here, on port 6391 or the next
 * free one), the fake Slack (HTTP Events API, signed; Slack's retries
 * included) and the demo lake seeded as of now. Eight scenarios, each from a
 * flushed Redis and fresh processes, each a burst of `burst` (300) questions
 * from as many askers in their own channels, with the semantic planner's
 * demo questions: none, the bot / agent / query worker SIGKILLed a third of
 * the way in and restarted, Redis SIGKILLed for 10 s, Slack failing 20% of
 * calls, a source that never answers, a source whose sessions are
 * terminated. Every final message is judged against the same question
 * asked fault-free as of that run's as-of (checked up front against
 * `skiff ask --json`). Prints a table; exits 1 if any question was lost,
 * answered twice or answered wrong, or a role died by itself. `<scenarios>`
 * picks some by number, e.g. `2,5`. Stops by itself within 10 minutes.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createPostgresRunStore } from "../shared/run-store/create-postgres-run-store.js";
import { builtCli } from "../test/fixtures/built-cli.js";
import { createPostgresTestDatabase } from "../test/fixtures/postgres-test-database.js";
import { chaosScenarios } from "./chaos/chaos-scenarios.js";
import type { ChaosRow } from "./chaos/chaos-row.js";
import { createTruthOracle } from "./chaos/create-truth-oracle.js";
import { emergencyStop } from "./chaos/emergency-stop.js";
import { formatChaosTable } from "./chaos/format-chaos-table.js";
import { freePort } from "./chaos/free-port.js";
import { runChaosScenario } from "./chaos/run-chaos-scenario.js";
import { exampleQuestions } from "../test/fixtures/example-questions.js";

const suiteStart = performance.now();
/** The suite stops waiting on scenarios here, and the watchdog ends it at suiteLimitMs whatever is still running. */
const suiteBudgetMs = 9 * 60_000;
const suiteLimitMs = 9.75 * 60_000;
/** One scenario waits at most this long for its answers. */
const scenarioLimitMs = 150_000;
/** A scenario is not started with less than this left of the budget. */
const scenarioMinimumMs = 60_000;
const burst = Number(process.argv[3] ?? 300);
const root = fileURLToPath(new URL("..", import.meta.url));
const piiKey = "chaos-pii-key-0123456789abcdef0123456789abcdef";
const rows: ChaosRow[] = [];
const elapsed = () => `${((performance.now() - suiteStart) / 1000).toFixed(0)} s`;
const load = () => loadavg().map((n) => n.toFixed(1)).join(" / ");

const watchdog = setTimeout(() => {
  emergencyStop();
  console.log(`\nchaos: stopped by the watchdog at ${elapsed()}; rows so far:\n${formatChaosTable(rows)}`);
  process.exit(1);
}, suiteLimitMs);
watchdog.unref();
process.once("SIGINT", () => {
  emergencyStop();
  process.exit(130);
});

await builtCli();
const home = await mkdtemp(join(tmpdir(), "skiff-chaos-"));
const lake = join(home, "demo.duckdb");
const seeded = await promisify(execFile)(process.execPath, ["bin/skiff.js", "demo", "seed", "--out", lake], { cwd: root, env: { ...process.env, SKIFF_HOME: home } });
console.log(`chaos: ${seeded.stdout.trim()}`);

const oracle = await createTruthOracle({ lake, piiKey, questions: exampleQuestions, asOf: new Date() });
console.log("chaos: fault-free answers (skiff ask --json, now; each run is checked against its own as-of):");
for (const [question, { answer, sources }] of oracle.upFront) console.log(`  ${question} [${sources.join(", ")}] → ${answer}`);

const runsDb = await createPostgresTestDatabase("skiff_chaos_runs");
const runStore = createPostgresRunStore({ connectionString: runsDb.url });
const redisPort = await freePort(6391);
const baseEnv: NodeJS.ProcessEnv = {
  SKIFF_DEMO_DB: lake,
  SKIFF_DATABASE_URL: runsDb.url,
  SKIFF_PII_KEY: piiKey,
  // The semantic planner, whatever this shell holds; the demo catalog unless a scenario says otherwise.
  ANTHROPIC_API_KEY: undefined,
  SKIFF_CATALOG: undefined,
};
const logDir = await mkdtemp(join(tmpdir(), "skiff-chaos-logs-"));
console.log(`chaos: redis-server on 127.0.0.1:${redisPort}, run store ${runsDb.name}, ${burst} questions per scenario; ready at ${elapsed()}; load average ${load()} (1 / 5 / 15 min)\n`);

const scenarios = chaosScenarios({ lake });
const picked = process.argv[2] ? new Set(process.argv[2].split(",").map(Number)) : undefined;
try {
  for (const [i, scenario] of scenarios.entries()) {
    if (picked && !picked.has(i + 1)) continue;
    const left = suiteStart + suiteBudgetMs - performance.now();
    const redis = scenario.persistence === "aof" ? "AOF, fsync always" : "no persistence";
    if (left < scenarioMinimumMs) {
      rows.push({ number: i + 1, name: scenario.name, fault: scenario.fault, redis, skipped: "the suite's 9-minute budget ran out", ...emptyCounts(), notes: [], problems: ["not run"] });
      continue;
    }
    console.log(`chaos: ${i + 1}. ${scenario.name} (${scenario.fault}) at ${elapsed()}`);
    const row = await runChaosScenario(scenario, {
      index: i + 1,
      burst,
      questions: exampleQuestions,
      baseEnv,
      redisPort,
      deadline: performance.now() + Math.min(scenarioLimitMs, left - 30_000),
      oracle,
      sourcesOf: (question) => oracle.upFront.get(question)?.sources ?? [],
      runStore,
      logDir,
    }).catch((error: unknown): ChaosRow => ({ number: i + 1, name: scenario.name, fault: scenario.fault, redis, ...emptyCounts(), notes: [], problems: [`the scenario could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`] }));
    rows.push(row);
    console.log(`chaos:    ${row.answeredOnce}/${row.sent} answered once, ${row.lost} lost, ${row.duplicated} duplicated, ${row.wrong} wrong, ${row.problems.length} problems (${elapsed()})`);
  }
} finally {
  clearTimeout(watchdog);
  emergencyStop();
  await Promise.allSettled([oracle.close(), runStore.close().then(() => runsDb.drop())]);
  await rm(home, { recursive: true, force: true });
  if ((await readdir(logDir)).length === 0) await rm(logDir, { recursive: true, force: true });
}

console.log(`\n${formatChaosTable(rows)}\n`);
const failed = rows.filter((r) => r.problems.length > 0);
const verdict = failed.length === 0 ? `all ${rows.length} scenarios passed` : `${failed.length} of ${rows.length} scenarios failed (${failed.map((r) => r.name).join(", ")})`;
console.log(`chaos: ${verdict} in ${elapsed()}; load average ${load()}`);
process.exit(failed.length === 0 ? 0 : 1);

function emptyCounts() {
  return { sent: 0, answeredOnce: 0, right: 0, honest: 0, refused: 0, lost: 0, duplicated: 0, reUpdated: 0, wrong: 0, mismatched: 0, p50Ms: NaN, p99Ms: NaN, recoveryMs: undefined, drainedMs: undefined };
}
