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
import { exampleQuestions } from "./example-questions.js";

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
for (const question of exampleQuestions) {
  const times: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const started = performance.now();
    const record = await answerQuestion(deps, { question });
    const ms = performance.now() - started;
    if (record.status !== "answered") throw new Error(`"${question}" was not answered: ${record.answer}`);
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  p50s.push(percentile(times, 50));
  console.log(`${question.slice(0, 100).padEnd(100)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`);
}
p50s.sort((a, b) => a - b);
console.log(`worst p50: ${p50s[p50s.length - 1]!.toFixed(1)} ms (target ≤ 50 ms)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await runtime.close();
