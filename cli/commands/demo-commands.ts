import { resolve } from "node:path";
import type { Command } from "commander";
import { SkiffError } from "../../shared/errors.js";
import { loadDemoServersConfig } from "../../shared/config-demo-servers.js";
import { loadDemoServers } from "../../workers/demo/load/load-demo-servers.js";
import { seedDemoLake } from "../../workers/demo/seed-demo-lake.js";
import { exitCodes } from "../exit-codes.js";
import { asOfHelp, parseAsOf } from "../parse-as-of.js";
import type { CommandContext } from "./catalog-commands.js";

/** `skiff demo seed` and `skiff demo load`. */
export function registerDemoCommands(program: Command, ctx: CommandContext): void {
  const demo = program.command("demo").description("the embedded demo lake");
  demo
    .command("seed")
    .description("write the deterministic demo lake (same --as-of and --scale give the same rows)")
    .option("--as-of <iso>", `the lake's now (default: now): ${asOfHelp}`)
    .option("--scale <n>", "row-count multiplier", "1")
    .option("--out <file>", "DuckDB file to write (default: SKIFF_DEMO_DB, else .skiff/demo.duckdb)")
    .action(async (options: { asOf?: string; scale: string; out?: string }) => {
      const scale = Number(options.scale);
      if (!Number.isFinite(scale) || scale < 0.01 || scale > 20) {
        throw new SkiffError("CONFIG_INVALID", `--scale ${options.scale} is not a number from 0.01 to 20; use e.g. --scale 1 or --scale 0.1`);
      }
      const asOf = parseAsOf(options.asOf) ?? new Date();
      const out = options.out ? resolve(options.out) : ctx.config().demoDb;
      const summary = await seedDemoLake({ asOf, scale, out });
      const tables = Object.entries(summary.tables).map(([name, rows]) => `${name} ${rows.toLocaleString("en-US")}`);
      ctx.io.out(`seeded ${summary.out} as of ${summary.asOf} (scale ${summary.scale}) in ${(summary.ms / 1000).toFixed(1)} s: ${tables.join(", ")}`);
      ctx.setExitCode(exitCodes.ok);
    });
  demo
    .command("load")
    .description("load the demo lake into Postgres (accounts) and ClickHouse (analytics) for catalog/demo-servers")
    .option("--lake <file>", "the seeded lake to load (default: SKIFF_DEMO_DB, else .skiff/demo.duckdb)")
    .action(async (options: { lake?: string }) => {
      const config = ctx.config();
      const servers = loadDemoServersConfig(config.sourceEnv);
      const lake = options.lake ? resolve(options.lake) : config.demoDb;
      const summary = await loadDemoServers(lake, servers);
      const tables = Object.entries(summary.tables).map(([name, rows]) => `${name} ${rows.toLocaleString("en-US")}`);
      ctx.io.out(`loaded ${lake} in ${(summary.ms / 1000).toFixed(1)} s: ${tables.join(", ")}`);
      ctx.io.out("ask against them with SKIFF_CATALOG=catalog/demo-servers");
      ctx.setExitCode(exitCodes.ok);
    });
}
