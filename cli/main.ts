import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { loadConfig, type Config } from "../shared/config.js";
import { loadAnthropicConfig, type AnthropicConfig } from "../shared/config-anthropic.js";
import { loadQueueConfig, type QueueConfig } from "../shared/config-queues.js";
import { processIo, type CliIo } from "./cli-io.js";
import { registerAskCommand } from "./commands/ask-command.js";
import { registerCatalogCommands, type CommandContext } from "./commands/catalog-commands.js";
import { registerChatCommand } from "./commands/chat-command.js";
import { registerDemoCommands } from "./commands/demo-commands.js";
import { registerEvalCommand } from "./commands/eval-command.js";
import { registerRunsCommands } from "./commands/runs-commands.js";
import { registerSqlCommand } from "./commands/sql-command.js";
import { exitCodeHelp, exitCodes } from "./exit-codes.js";
import { reportError } from "./report-error.js";

export interface MainOptions {
  io?: CliIo;
  env?: NodeJS.ProcessEnv;
}

/** The `skiff` command. Returns the exit code rather than exiting, so tests and embedders can call it. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? processIo;
  let exitCode: number = exitCodes.ok;
  let config: Config | undefined;
  let anthropic: AnthropicConfig | undefined;
  let queue: QueueConfig | undefined;
  const ctx: CommandContext = {
    io,
    config: () => (config ??= loadConfig(options.env ?? process.env)),
    anthropic: () => (anthropic ??= loadAnthropicConfig(options.env ?? process.env)),
    queue: () => (queue ??= loadQueueConfig(options.env ?? process.env)),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command("skiff")
    .description("Skiff answers plain-English data questions from your catalog's sources, with caveats and every query behind the answer.")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", `\n${exitCodeHelp}`);
  registerAskCommand(program, ctx);
  registerChatCommand(program, ctx);
  registerSqlCommand(program, ctx);
  registerCatalogCommands(program, ctx);
  registerDemoCommands(program, ctx);
  registerEvalCommand(program, ctx);
  registerRunsCommands(program, ctx);

  const json = argv.includes("--json");
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.error;
    }
    return reportError(error, io, json);
  }
}

// Run as a script (`npx tsx cli/main.ts …`, before there is a build): the same command as bin/skiff.js.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv);
}
