import { userInfo } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { fixedClock, systemClock } from "../../shared/clock.js";
import { answerQuestion } from "../../workers/pipeline/answer-question.js";
import { choosePlanner } from "../create-planner.js";
import { createRuntime } from "../create-runtime.js";
import { describeFailedRun } from "../describe-failed-run.js";
import { exitCodes } from "../exit-codes.js";
import { asOfHelp, parseAsOf } from "../parse-as-of.js";
import { formatRun } from "../render/print-run.js";
import { toJsonOutput } from "../render/to-json-output.js";
import type { CommandContext } from "./catalog-commands.js";

const exitByStatus = { answered: exitCodes.ok, unanswerable: exitCodes.notAnswerable, failed: exitCodes.error } as const;

/** `skiff ask "<question>"`. */
export function registerAskCommand(program: Command, ctx: CommandContext): void {
  program
    .command("ask")
    .description("answer a plain-English data question with its caveats and every query behind it")
    .argument("<question...>", 'the question, e.g. "top 10 countries by requests in the last 7 days"')
    .option("--as-of <iso>", `answer as of this time (default: now): ${asOfHelp}`)
    .option("--catalog <dir>", "catalog folder (default: SKIFF_CATALOG, else the demo catalog)")
    .option("--planner <kind>", "semantic (offline, catalog metrics) or claude (default: claude when ANTHROPIC_API_KEY is set)")
    .option("--json", 'print one JSON object: {"run_id", "question", "answer", "result", "caveats", "queries", "planner"}')
    .action(async (words: string[], options: { asOf?: string; catalog?: string; planner?: string; json?: boolean }) => {
      const planner = choosePlanner(options.planner, ctx.anthropic());
      const asOf = parseAsOf(options.asOf);
      const runtime = await createRuntime(ctx.config(), {
        ...(options.catalog ? { catalogDir: resolve(options.catalog) } : {}),
        ...(asOf ? { clock: fixedClock(asOf) } : {}),
        planner,
        anthropic: ctx.anthropic(),
      });
      try {
        // The engine works as of --as-of (freshness, retention); the run record's createdAt is when it really ran, so runs list is in the order they happened.
        const record = await answerQuestion(
          { ...runtime, clock: systemClock, deadlineMs: runtime.config.limits.runDeadlineMs },
          { question: words.join(" "), asker: userInfo().username, ...(asOf ? { asOf } : {}) },
        );
        if (options.json) ctx.io.out(JSON.stringify(toJsonOutput(record)));
        else if (record.status === "failed") ctx.io.err(`skiff: ${await describeFailedRun(record, runtime)}`);
        else ctx.io.out(formatRun(record));
        ctx.setExitCode(exitByStatus[record.status]);
      } finally {
        await runtime.close();
      }
    });
}

