import { userInfo } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { runStatement } from "../../workers/pipeline/run-statement.js";
import { createRuntime } from "../create-runtime.js";
import { describeFailedRun } from "../describe-failed-run.js";
import { exitCodes } from "../exit-codes.js";
import { formatRun } from "../render/print-run.js";
import { toJsonOutput } from "../render/to-json-output.js";
import type { CommandContext } from "./catalog-commands.js";

const exitByStatus = { answered: exitCodes.ok, unanswerable: exitCodes.notAnswerable, failed: exitCodes.error } as const;

/** `skiff sql --source <name> "<sql>"`. */
export function registerSqlCommand(program: Command, ctx: CommandContext): void {
  program
    .command("sql")
    .description("run one read-only statement on a source, through the same guard, limits and caveats as an answer")
    .requiredOption("--source <name>", "catalog source to run it on")
    .argument("<sql...>", "one SELECT statement")
    .option("--catalog <dir>", "catalog folder (default: SKIFF_CATALOG, else the demo catalog)")
    .option("--json", "print one JSON object (the same shape as skiff ask --json)")
    .action(async (words: string[], options: { source: string; catalog?: string; json?: boolean }) => {
      const runtime = await createRuntime(ctx.config(), options.catalog ? { catalogDir: resolve(options.catalog) } : {});
      try {
        const { record } = await runStatement(runtime, { source: options.source, sql: words.join(" "), asker: userInfo().username });
        if (options.json) ctx.io.out(JSON.stringify(toJsonOutput(record)));
        else if (record.status === "answered") ctx.io.out(formatRun(record, { showSql: false }));
        else if (record.status === "failed") ctx.io.err(`skiff: ${await describeFailedRun(record, runtime)}`);
        else ctx.io.err(`skiff: ${record.answer}`);
        ctx.setExitCode(exitByStatus[record.status]);
      } finally {
        await runtime.close();
      }
    });
}
