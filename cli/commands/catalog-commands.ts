import { resolve } from "node:path";
import type { Command } from "commander";
import { loadCatalog } from "../../catalog/load-catalog.js";
import { createCatalogSearch, catalogSearchKinds, type CatalogSearchKind } from "../../catalog/search-catalog.js";
import { writeCatalogJsonSchema } from "../../catalog/write-json-schema.js";
import type { Config } from "../../shared/config.js";
import { createSourceAdapter } from "../../workers/sources/create-source-adapter.js";
import { syncCatalog } from "../../workers/sync/sync-catalog.js";
import type { AnthropicConfig } from "../../shared/config-anthropic.js";
import type { QueueConfig } from "../../shared/config-queues.js";
import type { CliIo } from "../cli-io.js";
import { exitCodes } from "../exit-codes.js";

export interface CommandContext {
  io: CliIo;
  config: () => Config;
  /** Read on first use, like `config`: commands that never plan never parse it. */
  anthropic: () => AnthropicConfig;
  /** Read on first use: where the shared run store is (SKIFF_DATABASE_URL), for commands that reach it. */
  queue: () => QueueConfig;
  setExitCode(code: number): void;
}

/** `skiff catalog validate|search|schema|sources|sync`. */
export function registerCatalogCommands(program: Command, ctx: CommandContext): void {
  const catalog = program.command("catalog").description("check and search the metadata catalog");

  catalog
    .command("validate")
    .description("load a catalog folder and report every problem with file, path and line")
    .argument("[dir]", "catalog folder (default: SKIFF_CATALOG, else the bundled demo catalog)")
    .action(async (dir: string | undefined) => {
      const folder = dir ? resolve(dir) : ctx.config().catalogDir;
      const loaded = await loadCatalog(folder);
      const counts = [
        `${loaded.sources.size} sources`,
        `${loaded.tables.size} tables`,
        `${loaded.metrics.size} metrics`,
        `${loaded.entities.size} entities`,
        `${loaded.segments.size} segments`,
        `${loaded.glossary.length} glossary terms`,
        `${loaded.evals?.questions.length ?? 0} eval questions`,
      ];
      ctx.io.out(`${folder}: valid (${counts.join(", ")})`);
      ctx.setExitCode(exitCodes.ok);
    });

  catalog
    .command("search")
    .description("find tables, columns, metrics and glossary terms by words")
    .argument("<words...>", "what to look for")
    .option("--catalog <dir>", "catalog folder")
    .option("--kind <kind...>", `only these kinds (${catalogSearchKinds.join(", ")})`)
    .option("--limit <n>", "most hits to show", "10")
    .option("--json", "print hits as JSON")
    .action(async (words: string[], options: { catalog?: string; kind?: string[]; limit: string; json?: boolean }) => {
      const loaded = await loadCatalog(options.catalog ? resolve(options.catalog) : ctx.config().catalogDir);
      const unknownKind = options.kind?.find((k) => !(catalogSearchKinds as readonly string[]).includes(k));
      if (unknownKind) {
        ctx.io.err(`skiff: --kind ${unknownKind} is not a catalog kind; use one of ${catalogSearchKinds.join(", ")}`);
        ctx.setExitCode(exitCodes.error);
        return;
      }
      const hits = createCatalogSearch(loaded).search(words.join(" "), {
        limit: Math.max(1, Number(options.limit) || 10),
        ...(options.kind ? { kinds: options.kind as CatalogSearchKind[] } : {}),
      });
      if (options.json) ctx.io.out(JSON.stringify(hits, null, 2));
      else if (hits.length === 0) ctx.io.out(`nothing in the catalog matches "${words.join(" ")}"`);
      else for (const hit of hits) ctx.io.out(`${hit.kind.padEnd(9)} ${hit.name}  — ${hit.description}`);
      ctx.setExitCode(exitCodes.ok);
    });

  catalog
    .command("sources")
    .description("check that every source of the catalog answers (a trivial query through its adapter), and warn about credentials that could write")
    .option("--catalog <dir>", "catalog folder (default: SKIFF_CATALOG, else the bundled demo catalog)")
    .action(async (options: { catalog?: string }) => {
      const config = ctx.config();
      const loaded = await loadCatalog(options.catalog ? resolve(options.catalog) : config.catalogDir);
      const checks = await Promise.all(
        [...loaded.sources.values()].map(async (source) => {
          const started = performance.now();
          const line = (status: string, text: string) => `${status.padEnd(6)}${source.name.padEnd(16)} ${source.kind.padEnd(10)} ${text}`;
          try {
            const adapter = createSourceAdapter(source, config.sourceEnv, config.limits);
            try {
              await adapter.healthCheck();
              const ms = Math.round(performance.now() - started);
              // Read-only settings guard every statement; credentials that cannot write are the layer behind them.
              const warnings = await (adapter.checkCredentials?.() ?? Promise.resolve([])).catch((error: unknown) => [
                `could not check what its credentials may do: ${error instanceof Error ? error.message : String(error)}`,
              ]);
              return { ok: true, lines: [line("ok", `${ms} ms`), ...warnings.map((warning) => line("warn", warning))] };
            } finally {
              await adapter.close();
            }
          } catch (error) {
            return { ok: false, lines: [line("down", error instanceof Error ? error.message : String(error))] };
          }
        }),
      );
      for (const check of checks) for (const text of check.lines) ctx.io.out(text);
      ctx.setExitCode(checks.every((check) => check.ok) ? exitCodes.ok : exitCodes.error);
    });

  catalog
    .command("sync")
    .description("introspect a source and add its new tables and columns to the catalog as review: pending")
    .requiredOption("--source <name>", "the catalog source to introspect")
    .option("--catalog <dir>", "catalog folder (default: SKIFF_CATALOG, else the bundled demo catalog)")
    .action(async (options: { source: string; catalog?: string }) => {
      const config = ctx.config();
      const summary = await syncCatalog({ catalogDir: options.catalog ? resolve(options.catalog) : config.catalogDir, source: options.source, env: config.sourceEnv });
      const added = summary.addedTables.length + summary.addedColumns.length;
      if (added === 0) ctx.io.out(`${options.source}: the catalog already has every table and column`);
      else ctx.io.out(`${options.source}: added ${summary.addedTables.length} tables and ${summary.addedColumns.length} columns as review: pending (${summary.files.join(", ")}); review them, then set review: reviewed`);
      for (const table of summary.addedTables) ctx.io.out(`  + table ${table}`);
      for (const column of summary.addedColumns) ctx.io.out(`  + column ${column}`);
      if (summary.skipped.length > 0) ctx.io.out(`  skipped (names are not lower_snake_case): ${summary.skipped.join(", ")}`);
      ctx.setExitCode(exitCodes.ok);
    });

  catalog
    .command("schema")
    .description("write the catalog JSON Schema (for editor autocompletion of catalog YAML)")
    .option("--out <file>", "where to write it", "catalog/schema.json")
    .action(async (options: { out: string }) => {
      await writeCatalogJsonSchema(resolve(options.out));
      ctx.io.out(`wrote ${options.out}`);
      ctx.setExitCode(exitCodes.ok);
    });
}
