import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { onEmergencyStop } from "./emergency-stop.js";

export interface ChaosRedis {
  port: number;
  url: string;
  /** `--appendonly yes --appendfsync always` in this folder, or none (`--save "" --appendonly no`). */
  persistence: "aof" | "none";
  /** SIGKILL, resolving once the process has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder: with an append-only file, what it had acknowledged comes back. */
  restart(): Promise<void>;
  flushAll(): Promise<void>;
  /** Kills it for good. */
  close(): Promise<void>;
}

/**
 * A redis-server of the suite's own on 127.0.0.1:`port`, as a child process,
 * so a scenario can SIGKILL it and start it again on the same port. Resolves
 * once it answers PING.
 */
export async function startRedis(options: { port: number; persistDir?: string }): Promise<ChaosRedis> {
  const { port, persistDir } = options;
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--daemonize", "no", "--save", ""];
  args.push(...(persistDir ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", persistDir] : ["--appendonly", "no"]));
  let child: ChildProcess | undefined;
  let output = "";

  const launch = async () => {
    output = "";
    const started = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    started.stdout?.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child = started;
    const unregister = onEmergencyStop(() => started.kill("SIGKILL"));
    started.once("exit", unregister);
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${started.exitCode}:\n${output}`);
      const probe = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on("error", () => undefined);
      // Loading an append-only file answers PING with -LOADING: not ready until it says PONG.
      const pong = await probe
        .connect()
        .then(() => probe.ping())
        .catch(() => undefined);
      probe.disconnect();
      if (pong === "PONG") return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within 15 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGKILL");
    await exited;
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    persistence: persistDir ? "aof" : "none",
    kill,
    restart: launch,
    async flushAll() {
      const redis = new Redis({ host: "127.0.0.1", port });
      try {
        await redis.flushall();
      } finally {
        redis.disconnect();
      }
    },
    close: kill,
  };
}
