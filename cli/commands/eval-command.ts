import { resolve } from "node:path";
import type { Command } from "commander";
import { fixedClock } from "../../shared/clock.js";
import { answerQuestion } from "../../workers/pipeline/answer-question.js";
import { createLakeReader } from "../../workers/eval/create-lake-reader.js";
import { runEvalSet } from "../../workers/eval/run-eval-set.js";
import { choosePlanner } from "../create-planner.js";
import { createRuntime } from "../create-runtime.js";
import { ensureEvalLake } from "../eval/ensure-eval-lake.js";
import { formatEvalReport } from "../eval/format-eval-report.js";
import { loadEvalSet } from "../eval/load-eval-set.js";
import { exitCodes } from "../exit-codes.js";
import type { CommandContext } from "./catalog-commands.js";

/** `skiff eval`: execution accuracy of a planner over the catalog's eval questions. */
export function registerEvalCommand(program: Command, ctx: CommandContext): void {
  program
    .command("eval")
    .description("score a planner's execution accuracy on the catalog's eval questions (exits non-zero only when the harness fails, not on a low score)")
    .option("--planner <kind>", "semantic or claude (default: claude when ANTHROPIC_API_KEY is set)")
    .option("--set <file>", "a YAML file with an evals: section (default: the catalog's)")
    .option("--catalog <dir>", "catalog folder (default: SKIFF_CATALOG, else the demo catalog)")
    .option("--lake <file>", "a demo lake already seeded at the set's asOf (default: seeded once into SKIFF_HOME/eval/)")
    .action(async (options: { planner?: string; set?: string; catalog?: string; lake?: string }) => {
      const config = ctx.config();
      const planner = choosePlanner(options.planner, ctx.anthropic());
      const catalogDir = options.catalog ? resolve(options.catalog) : config.catalogDir;
      const set = await loadEvalSet({ catalogDir, ...(options.set ? { file: resolve(options.set) } : {}) });
      const asOf = new Date(set.asOf);
      const lake = options.lake ? resolve(options.lake) : await ensureEvalLake({ home: config.home, asOf, onSeed: (path) => ctx.io.err(`seeding the eval lake at ${set.asOf} into ${path} (once)…`) });
      const evalConfig = {
        ...config,
        demoDb: lake,
        runStorePath: resolve(config.home, "eval", "runs.duckdb"),
        sourceEnv: { ...config.sourceEnv, SKIFF_DEMO_DB: lake },
      };
      const runtime = await createRuntime(evalConfig, { catalogDir, clock: fixedClock(asOf), planner, anthropic: ctx.anthropic() });
      const reader = createLakeReader({ path: lake, timeoutMs: config.limits.queryTimeoutMs });
      try {
        const report = await runEvalSet({
          set,
          expected: (sql) => reader.rows(sql),
          answer: (question) => answerQuestion({ ...runtime, deadlineMs: config.limits.runDeadlineMs }, { question: question.question, asker: "skiff eval", asOf }),
        });
        ctx.io.out(formatEvalReport(report, { planner }));
        ctx.setExitCode(report.errors > 0 ? exitCodes.error : exitCodes.ok);
      } finally {
        await reader.close();
        await runtime.close();
      }
    });
}
