import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { loadCatalog } from "../../../catalog/load-catalog.js";
import type { Catalog } from "../../../catalog/model/catalog.js";
import { fixedClock } from "../../../shared/clock.js";
import { loadConfig } from "../../../shared/config.js";
import type { AgentBudgets } from "../../../shared/config-anthropic.js";
import { silentLogger, type Logger } from "../../../shared/logger.js";
import { packageRoot } from "../../../shared/package-root.js";
import type { RunRecord } from "../../../shared/run-record.js";
import { createEngine } from "../../../workers/engine/create-engine.js";
import { answerQuestion } from "../../../workers/pipeline/answer-question.js";
import { createClaudePlanner } from "../../../workers/planner/claude/create-claude-planner.js";
import { createSourceAdapter } from "../../../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../../../workers/sources/source-adapter.js";
import { demoLakePath, TEST_AS_OF } from "../../fixtures/demo-lake.js";
import { createMemoryRunStore } from "../../fixtures/memory-run-store.js";
import type { FakeAnthropicOptions } from "./start-fake-anthropic.js";
import { startFakeAnthropic, type FakeAnthropic } from "./start-fake-anthropic.js";

export const testBudgets: AgentBudgets = { maxSteps: 10, deadlineMs: 20_000, maxTokens: 200_000, maxOutputTokens: 1_024 };

export interface ClaudeHarness {
  fake: FakeAnthropic;
  catalog: Catalog;
  runs: RunRecord[];
  ask(question: string, history?: readonly RunRecord[]): Promise<RunRecord>;
  close(): Promise<void>;
}

/** The Claude planner on the real engine and the scale-1 demo lake, talking to a fake Messages API through the real SDK. */
export async function startClaudeHarness(options: FakeAnthropicOptions & { budgets?: Partial<AgentBudgets>; maxRetries?: number; logger?: Logger }): Promise<ClaudeHarness> {
  const lake = await demoLakePath();
  const fake = await startFakeAnthropic(options);
  const catalog = await loadCatalog(join(packageRoot(), "catalog", "demo"));
  const sources = new Map<string, SourceAdapter>();
  for (const source of catalog.sources.values()) sources.set(source.name, createSourceAdapter(source, { SKIFF_DEMO_DB: lake }));
  const clock = fixedClock(TEST_AS_OF);
  const config = loadConfig({});
  const engine = createEngine({ catalog, sources, limits: config.limits, clock, logger: silentLogger });
  const maxRetries = options.maxRetries ?? 2;
  const client = new Anthropic({ apiKey: "sk-ant-test", baseURL: fake.url, maxRetries });
  const planner = createClaudePlanner({ catalog, client, model: "claude-sonnet-5-5", budgets: { ...testBudgets, ...options.budgets }, maxRetries });
  const runStore = createMemoryRunStore();
  const logger = options.logger ?? silentLogger;
  return {
    fake,
    catalog,
    runs: runStore.records,
    ask: (question, history = []) =>
      answerQuestion({ catalog, engine, planner, runStore, clock, logger, deadlineMs: 30_000 }, { question, history, asker: "ada" }),
    async close() {
      engine.close();
      await Promise.allSettled([fake.close(), ...[...sources.values()].map((s) => s.close())]);
    },
  };
}
