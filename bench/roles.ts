/**
 * `npm run bench:roles [runs] [idleSeconds]`: each worker role in its own
 * process, run from the build (`node dist/cli/serve.js <role>`, built first if
 * a source is newer), on the scale-1 demo lake. Prints:
 *   - start-up time from spawn to the role's "ready" log line (median and
 *     slowest of `runs` starts),
 *   - what an idle role costs Redis: commands per second over `idleSeconds`
 *     (Redis MONITOR, counting only this run's queue keys), as the clients
 *     send them and with the calls inside Lua scripts counted too.
 * The load average is printed beside the figures: start-up is mostly module
 * loading and stretches with CPU contention.
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { Redis } from "ioredis";
import { loadQueueConfig } from "../shared/config-queues.js";
import { deleteKeys } from "../test/fixtures/delete-keys.js";
import { demoLakePath } from "../test/fixtures/demo-lake.js";
import { spawnRole, type SpawnedRole } from "../test/fixtures/spawn-role.js";

const runs = Number(process.argv[2] ?? 3);
const idleSeconds = Number(process.argv[3] ?? 30);
const roles = ["query", "agent"] as const;

const lake = await demoLakePath();
const prefix = `skiff-bench-roles-${randomBytes(4).toString("hex")}`;
const env = { SKIFF_DEMO_DB: lake, SKIFF_HOME: `.skiff/bench-roles`, SKIFF_QUEUE_PREFIX: prefix, REDIS_URL: "redis://127.0.0.1:6379" };
const queue = loadQueueConfig({});
const load = () => loadavg()[0]?.toFixed(1) ?? "?";
console.log(`lock ${queue.lockDurationMs} ms, stalled check every ${queue.stalledIntervalMs} ms, node ${process.version}, 1-min load average ${load()}`);

for (const role of roles) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = await spawnRole(role, env);
    times.push(started.readyMs);
    await started.kill();
  }
  times.sort((a, b) => a - b);
  console.log(`${role} role: ready ${times[Math.floor(times.length / 2)] ?? 0} ms after spawn (median of ${runs}; slowest ${times.at(-1) ?? 0} ms; load average ${load()})`);
}

/** Commands touching this run's keys while `role` sits idle: [from clients, including those inside Lua scripts]. */
async function idleCommands(role: SpawnedRole | undefined): Promise<[number, number]> {
  const monitor = new Redis({ host: "127.0.0.1", port: 6379 });
  let direct = 0;
  let all = 0;
  const watching = await monitor.monitor();
  watching.on("monitor", (_time: string, args: string[], source: string) => {
    if (!args.some((arg) => arg.includes(prefix))) return;
    all += 1;
    if (source !== "lua") direct += 1;
  });
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  watching.disconnect();
  monitor.disconnect();
  await role?.kill();
  return [direct / idleSeconds, all / idleSeconds];
}

for (const role of roles) {
  const running = await spawnRole(role, env);
  // Past start-up's one-off calls (connections, scripts, the first stalled check) before measuring.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const [direct, all] = await idleCommands(running);
  console.log(`${role} role, idle: ${direct.toFixed(2)} Redis commands/s from its clients (${all.toFixed(2)}/s counting those inside Lua scripts) over ${idleSeconds} s`);
}
await deleteKeys(prefix);
