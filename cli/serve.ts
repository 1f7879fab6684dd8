import { reportError } from "./report-error.js";
import { processIo } from "./cli-io.js";
import { parseRoles } from "./serve/roles.js";
import { startRoles } from "./serve/start-roles.js";

/**
 * `node dist/cli/serve.js <bot|agent|query|all>`: a long-running Skiff role.
 * SIGTERM (or SIGINT) stops taking work, lets what is in flight finish (a job
 * a killed process leaves behind goes back to the queue) and closes connections.
 */
async function serve(): Promise<number> {
  try {
    const running = await startRoles({ roles: parseRoles(process.argv[2]), env: process.env });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    });
    await running.close();
    return 0;
  } catch (error) {
    return reportError(error, processIo, false);
  }
}

// Exit even if a library left a timer behind: every connection was closed above.
process.exit(await serve());
