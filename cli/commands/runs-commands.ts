import type { Command } from "commander";
import { SkiffError } from "../../shared/errors.js";
import { createDuckDbRunStore } from "../../shared/run-store/create-duckdb-run-store.js";
import { scrubRunRecord } from "../../shared/scrub/scrub-run-record.js";
import { exitCodes } from "../exit-codes.js";
import { formatRun } from "../render/print-run.js";
import { toJsonOutput } from "../render/to-json-output.js";
import { createRunStore } from "../serve/create-run-store.js";
import type { CommandContext } from "./catalog-commands.js";

/** `skiff runs list|show|scrub`: the audit trail of every answer, from the run store. */
export function registerRunsCommands(program: Command, ctx: CommandContext): void {
  const runs = program.command("runs").description("past answers and every query behind them");

  runs
    .command("list")
    .description("the newest runs, one line each")
    .option("--limit <n>", "how many", "20")
    .action(async (options: { limit: string }) => {
      const store = createDuckDbRunStore({ path: ctx.config().runStorePath });
      try {
        const records = await store.list({ limit: Math.max(1, Number(options.limit) || 20) });
        if (records.length === 0) ctx.io.out("no runs yet: ask something with skiff ask");
        for (const r of records) ctx.io.out(`${r.id}  ${r.createdAt}  ${r.status.padEnd(12)} ${r.question.slice(0, 80)}`);
        ctx.setExitCode(exitCodes.ok);
      } finally {
        await store.close();
      }
    });

  runs
    .command("show")
    .description("one run: the answer, its table, caveats and every query")
    .argument("<id>", "run id, as printed after an answer")
    .option("--json", "print the --json shape of skiff ask")
    .action(async (id: string, options: { json?: boolean }) => {
      const store = createDuckDbRunStore({ path: ctx.config().runStorePath });
      try {
        const record = await store.get(id);
        if (!record) throw new SkiffError("RUN_NOT_FOUND", `no run ${id} in ${ctx.config().runStorePath}; list runs with skiff runs list`);
        ctx.io.out(options.json ? JSON.stringify(toJsonOutput(record)) : formatRun(record));
        ctx.setExitCode(exitCodes.ok);
      } finally {
        await store.close();
      }
    });

  runs
    .command("scrub")
    .description("mask PII-shaped values, file paths and servers in every stored run record, as new runs are written; safe to run again")
    .action(async () => {
      const config = ctx.config();
      const databaseUrl = ctx.queue().databaseUrl;
      const store = createRunStore(config, { databaseUrl });
      try {
        const summary = await store.rewriteAll(scrubRunRecord);
        const where = databaseUrl ? "the Postgres run store (SKIFF_DATABASE_URL)" : config.runStorePath;
        ctx.io.out(`${summary.changed} of ${summary.examined} run records changed in ${where}`);
        if (summary.unreadable.length > 0) {
          ctx.io.err(`skiff: ${summary.unreadable.length} stored runs are not run records and were left as they are: ${summary.unreadable.join(", ")}; inspect or delete them`);
          ctx.setExitCode(exitCodes.error);
          return;
        }
        ctx.setExitCode(exitCodes.ok);
      } finally {
        await store.close();
      }
    });
}
