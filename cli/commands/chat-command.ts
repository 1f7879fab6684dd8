import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { fixedClock, systemClock } from "../../shared/clock.js";
import { isSkiffError } from "../../shared/errors.js";
import type { RunRecord } from "../../shared/run-record.js";
import { answerQuestion } from "../../workers/pipeline/answer-question.js";
import { choosePlanner } from "../create-planner.js";
import { createRuntime } from "../create-runtime.js";
import { exitCodes } from "../exit-codes.js";
import { asOfHelp, parseAsOf } from "../parse-as-of.js";
import { formatRun } from "../render/print-run.js";
import type { CommandContext } from "./catalog-commands.js";

const farewells = new Set(["exit", "quit", "bye", "\\q"]);

/** `skiff chat`: a conversation, where each question sees the ones before it ("now break that down by plan"). */
export function registerChatCommand(program: Command, ctx: CommandContext): void {
  program
    .command("chat")
    .description("ask questions one after another; follow-ups see the conversation so far (exit, or Ctrl-D, ends it)")
    .option("--as-of <iso>", `answer as of this time (default: now): ${asOfHelp}`)
    .option("--catalog <dir>", "catalog folder (default: SKIFF_CATALOG, else the demo catalog)")
    .option("--planner <kind>", "semantic (ignores the conversation) or claude (default: claude when ANTHROPIC_API_KEY is set)")
    .action(async (options: { asOf?: string; catalog?: string; planner?: string }) => {
      const planner = choosePlanner(options.planner, ctx.anthropic());
      const asOf = parseAsOf(options.asOf);
      const runtime = await createRuntime(ctx.config(), {
        ...(options.catalog ? { catalogDir: resolve(options.catalog) } : {}),
        ...(asOf ? { clock: fixedClock(asOf) } : {}),
        planner,
        anthropic: ctx.anthropic(),
      });
      const input = ctx.io.input ?? process.stdin;
      const interactive = "isTTY" in input && input.isTTY === true;
      const lines = createInterface({ input, terminal: false });
      const threadId = `chat_${randomUUID()}`;
      const history: RunRecord[] = [];
      const prompt = () => interactive && ctx.io.out("skiff> ");
      try {
        ctx.io.err(`skiff chat (${planner} planner${planner === "semantic" ? ": each question stands alone" : ""}); exit or Ctrl-D ends it`);
        prompt();
        for await (const line of lines) {
          const question = line.trim();
          if (farewells.has(question.toLowerCase())) break;
          if (question !== "") {
            try {
              // As of --as-of; stamped with when it really ran, so the runs keep their order.
              const record = await answerQuestion(
                { ...runtime, clock: systemClock, deadlineMs: runtime.config.limits.runDeadlineMs },
                { question, asker: userInfo().username, threadId, history, ...(asOf ? { asOf } : {}) },
              );
              history.push(record);
              ctx.io.out(`${formatRun(record)}\n`);
            } catch (error) {
              if (!isSkiffError(error, "QUESTION_INVALID")) throw error;
              ctx.io.err(`skiff: ${error.message}`);
            }
          }
          prompt();
        }
        ctx.setExitCode(exitCodes.ok);
      } finally {
        lines.close();
        await runtime.close();
      }
    });
}
