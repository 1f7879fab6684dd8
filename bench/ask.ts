/**
 * `npm run bench:ask`: the example questions answered in one process, many
 * times, on a scale-1 demo lake. Prints seed time, p50/p95 per question
 * (excluding process start, including the run-store write) and peak RSS.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fixedClock } from "../shared/clock.js";
import { loadConfig } from "../shared/config.js";
import { createRuntime } from "../cli/create-runtime.js";
import { answerQuestion } from "../workers/pipeline/answer-question.js";
import { seedDemoLake } from "../workers/demo/seed-demo-lake.js";
import { exampleQuestions } from "../test/fixtures/example-questions.js";
import type { Table } from "../catalog/model/table-schema.js";
import { guardSql } from "../workers/engine/guard-sql.js";
import { createPiiKey } from "../workers/engine/substitute/pii-key.js";
import { substituteTables } from "../workers/engine/substitute/substitute-tables.js";
import { tableProjection } from "../workers/engine/substitute/table-projection.js";

const iterations = Number(process.argv[2] ?? 30);
const warmup = 3;
const asOf = new Date("2026-11-30T12:00:00Z");
const home = join(process.cwd(), ".skiff", "bench-ask");
await rm(home, { recursive: true, force: true });
await mkdir(home, { recursive: true });

const seedStart = performance.now();
const seed = await seedDemoLake({ asOf, scale: 1, out: join(home, "demo.duckdb") });
const seedMs = performance.now() - seedStart;

const config = loadConfig({ SKIFF_HOME: home, SKIFF_LOG_LEVEL: "silent" });
const runtime = await createRuntime(config, { clock: fixedClock(asOf) });
const deps = { ...runtime, deadlineMs: config.limits.runDeadlineMs };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
console.log(`seed: scale 1 in ${(seedMs / 1000).toFixed(2)} s (${Object.entries(seed.tables).map(([t, n]) => `${t} ${n}`).join(", ")})`);
console.log(`ask: ${iterations} runs per question after ${warmup} warm-up runs`);
console.log(`${"question".padEnd(100)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
const p50s: number[] = [];
const statements: { source: string; sql: string }[] = [];
for (const question of exampleQuestions) {
  const times: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const started = performance.now();
    const record = await answerQuestion(deps, { question });
    const ms = performance.now() - started;
    if (record.status !== "answered") throw new Error(`"${question}" was not answered: ${record.answer}`);
    if (i >= warmup) times.push(ms);
    if (i === 0) for (const q of record.queries) if (q.source !== "scratch") statements.push({ source: q.source, sql: q.sql });
  }
  times.sort((a, b) => a - b);
  p50s.push(percentile(times, 50));
  console.log(`${question.slice(0, 100).padEnd(100)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`);
}
p50s.sort((a, b) => a - b);
console.log(`worst p50: ${p50s[p50s.length - 1]!.toFixed(1)} ms (target ≤ 50 ms)`);
// Table substitution per statement (PII pseudonymised at the source): the text rewrite alone, after the guard.
const key = createPiiKey("bench");
const rewriteTimes: number[] = [];
for (const { source, sql } of statements) {
  const dialect = runtime.catalog.sources.get(source)?.kind ?? "duckdb";
  const verdict = guardSql({ sql, source, dialect, catalog: runtime.catalog });
  const tables = verdict.tables.map((id) => runtime.catalog.tables.get(id)).filter((t): t is Table => t !== undefined);
  const input = { sql, dialect, tables, referenceCounts: verdict.referenceCounts, projectionFor: (t: Table, written: string) => tableProjection(t, dialect, key, written) };
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    substituteTables(input);
    rewriteTimes.push(performance.now() - started);
  }
}
rewriteTimes.sort((a, b) => a - b);
console.log(`table substitution: p50 ${percentile(rewriteTimes, 50).toFixed(3)} ms, p99 ${percentile(rewriteTimes, 99).toFixed(3)} ms per statement over ${statements.length} demo statements (target ≤ 1 ms p50)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await runtime.close();
