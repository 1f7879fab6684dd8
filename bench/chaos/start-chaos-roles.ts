import { spawnRole, type SpawnedRole } from "../../test/fixtures/spawn-role.js";
import { onEmergencyStop } from "./emergency-stop.js";

export type ChaosRole = "bot" | "agent" | "query";

export interface ChaosRoles {
  /** The bot's Events API endpoint (the same port across restarts, as behind a load balancer). */
  eventsUrl: string;
  /** SIGKILL one role, resolving once it has exited. */
  kill(role: ChaosRole): Promise<void>;
  /** Spawns the role again from the build and resolves once it is ready; returns how long that took. */
  restart(role: ChaosRole): Promise<number>;
  /** Roles that exited without being killed, with their exit code or signal and their last log lines. */
  unexpectedExits(): string[];
  /** Every generation's stderr (JSON log lines), per role. */
  logs(): Record<ChaosRole, string>;
  close(): Promise<void>;
}

/**
 * The bot, one agent worker and one query worker, each its own process run
 * from the build (`node dist/cli/serve.js <role>`), as production runs them.
 */
export async function startChaosRoles(env: NodeJS.ProcessEnv, options: { botPort: number }): Promise<ChaosRoles> {
  const running = new Map<ChaosRole, SpawnedRole>();
  const killed = new Set<SpawnedRole>();
  const exits: string[] = [];
  const past: Record<ChaosRole, string[]> = { bot: [], agent: [], query: [] };
  const roleEnv = { ...env, PORT: String(options.botPort) };

  const spawn = async (role: ChaosRole) => {
    const started = await spawnRole(role, roleEnv, { timeoutMs: 120_000 });
    const unregister = onEmergencyStop(() => started.child.kill("SIGKILL"));
    started.child.once("exit", (code, signal) => {
      unregister();
      if (killed.has(started)) return;
      const tail = started.log().trim().split("\n").slice(-5).join("\n");
      exits.push(`${role} exited by itself (${signal ?? `code ${String(code)}`}):\n${tail}`);
    });
    running.set(role, started);
    return started.readyMs;
  };
  const kill = async (role: ChaosRole) => {
    const current = running.get(role);
    if (!current) return;
    killed.add(current);
    await current.kill();
    past[role].push(current.log());
    running.delete(role);
  };

  // Workers first, so the bot's first questions find someone to take them.
  await Promise.all([spawn("query"), spawn("agent")]);
  await spawn("bot");
  return {
    eventsUrl: `http://127.0.0.1:${options.botPort}/slack/events`,
    kill,
    restart: spawn,
    unexpectedExits: () => [...exits],
    logs: () => {
      const all = (role: ChaosRole) => [...past[role], running.get(role)?.log() ?? ""].join("");
      return { bot: all("bot"), agent: all("agent"), query: all("query") };
    },
    async close() {
      await Promise.all(["bot", "agent", "query"].map((role) => kill(role as ChaosRole)));
    },
  };
}
