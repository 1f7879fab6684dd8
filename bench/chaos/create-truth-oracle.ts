import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createRuntime } from "../../cli/create-runtime.js";
import { systemClock } from "../../shared/clock.js";
import { loadConfig } from "../../shared/config.js";
import { createMemoryRunStore } from "../../test/fixtures/memory-run-store.js";
import { answerQuestion } from "../../workers/pipeline/answer-question.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface TruthOracle {
  /** The fault-free answer sentence to `question` as of `asOf` (cached per question and instant). */
  answer(question: string, asOf: Date): Promise<string>;
  close(): Promise<void>;
}

interface AskJson {
  status: string;
  answer: string;
  as_of: string;
  queries: { source: string }[];
}

/** What `skiff ask --json` answered up front, fault-free: the answer and the sources it read. */
export interface UpFrontAnswer {
  answer: string;
  sources: string[];
}

/**
 * The right answer to compare with: the demo catalog on the seeded lake,
 * with no fault anywhere. The roles answer as of their own clock (a "last
 * 24 hours" window moves every second), so each answer is checked against
 * the same question asked as of that run's as-of, computed in this process
 * with the pipeline `skiff ask` runs. Before it is trusted, it must give
 * every question exactly what `skiff ask --json --as-of` gives.
 */
export async function createTruthOracle(options: { lake: string; piiKey: string; questions: readonly string[]; asOf: Date }): Promise<TruthOracle & { upFront: Map<string, UpFrontAnswer> }> {
  const home = await mkdtemp(join(tmpdir(), "skiff-chaos-oracle-"));
  const env = { SKIFF_HOME: home, SKIFF_DEMO_DB: options.lake, SKIFF_PII_KEY: options.piiKey, SKIFF_LOG_LEVEL: "silent" as const };
  const runtime = await createRuntime(loadConfig(env), { planner: "semantic" });
  const deps = { ...runtime, runStore: createMemoryRunStore(), clock: systemClock, deadlineMs: runtime.config.limits.runDeadlineMs };
  const cache = new Map<string, Promise<string>>();
  // SQL names instants to the second (renderTimestamp), so every as-of within one second asks the same statements.
  const answer = (question: string, asOf: Date) => {
    const second = new Date(Math.floor(asOf.getTime() / 1000) * 1000);
    const key = `${second.toISOString()} ${question}`;
    let known = cache.get(key);
    if (!known) {
      known = answerQuestion(deps, { question, asker: "chaos-oracle", asOf: second }).then((record) => record.answer);
      cache.set(key, known);
    }
    return known;
  };

  const upFront = new Map<string, UpFrontAnswer>();
  const asked = options.questions.map(async (question): Promise<[string, UpFrontAnswer]> => {
    // A home each: every ask writes its run store, one process per DuckDB file.
    const cliHome = await mkdtemp(join(tmpdir(), "skiff-chaos-ask-"));
    const { stdout } = await promisify(execFile)(process.execPath, ["bin/skiff.js", "ask", "--json", "--planner", "semantic", "--as-of", options.asOf.toISOString(), question], {
      cwd: root,
      env: { ...process.env, ...env, SKIFF_HOME: cliHome, SKIFF_CATALOG: undefined, ANTHROPIC_API_KEY: undefined },
    }).finally(() => rm(cliHome, { recursive: true, force: true }));
    const cli = JSON.parse(stdout) as AskJson;
    const mine = await answer(question, options.asOf);
    if (cli.status !== "answered") throw new Error(`skiff ask --json did not answer "${question}" fault-free: ${cli.answer}`);
    if (mine !== cli.answer) throw new Error(`the oracle disagrees with skiff ask --json on "${question}":\n  oracle: ${mine}\n  skiff ask: ${cli.answer}`);
    return [question, { answer: cli.answer, sources: [...new Set(cli.queries.map((q) => q.source).filter((s) => s !== "scratch"))] }];
  });
  for (const [question, known] of await Promise.all(asked)) upFront.set(question, known);
  return {
    answer,
    upFront,
    async close() {
      await runtime.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
