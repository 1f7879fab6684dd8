import { mkdtemp } from "node:fs/promises";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deleteKeys } from "./fixtures/delete-keys.js";
import { demoLakePath } from "./fixtures/demo-lake.js";
import { uniquePrefix } from "./fixtures/slack-stack.js";
import { spawnRole } from "./fixtures/spawn-role.js";

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

/**
 * Redis behind a switch: passing connections through to the real one, or
 * "down", resetting every connection (open ones and each reconnect) and
 * counting the attempts.
 */
async function redisSwitch() {
  let down = false;
  let refused = 0;
  const waiters = new Set<() => void>();
  const open = new Set<Socket>();
  const server = createServer((client) => {
    client.on("error", () => undefined);
    if (down) {
      refused += 1;
      for (const wake of waiters) wake();
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(6379, "127.0.0.1");
    open.add(client).add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `redis://127.0.0.1:${address.port}`,
    goDown() {
      down = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    comeBack() {
      down = false;
    },
    /** Resolves once `count` reconnects were refused while down. */
    refusals: (count: number) =>
      new Promise<void>((resolve) => {
        const wake = () => {
          if (refused < count) return;
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        wake();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("a worker while Redis is down", () => {
  it("logs the outage once as a JSON line without a stack, and once more when its connections are back", async () => {
    const redis = await redisSwitch();
    cleanup.push(() => redis.close());
    const prefix = uniquePrefix("outage");
    cleanup.push(() => deleteKeys(prefix));
    const agent = await spawnRole("agent", {
      SKIFF_HOME: await mkdtemp(join(tmpdir(), "skiff-outage-")),
      SKIFF_DEMO_DB: await demoLakePath(),
      REDIS_URL: redis.url,
      SKIFF_QUEUE_PREFIX: prefix,
    });
    cleanup.push(() => agent.kill());
    const before = agent.log().length;

    redis.goDown();
    // Each of the agent's connections (questions, answers, three query queues and their result streams) retries about once a second.
    await redis.refusals(60);
    redis.comeBack();
    await agent.waitForLog((line) => line.includes("Redis connection errors have stopped"), "that the errors stopped", 60_000);

    const lines = agent.log().slice(before).split("\n").filter(Boolean);
    const records = lines.map((line) => {
      try {
        return JSON.parse(line) as { level: number; msg: string; err?: unknown; error?: string };
      } catch {
        throw new Error(`a line on stderr is not a JSON log line: ${line}`);
      }
    });
    expect(records.filter((r) => r.level >= 40).map((r) => r.msg)).toEqual([expect.stringMatching(/^Redis error; retrying/)]);
    expect(records[0]?.error).toMatch(/ECONNRESET|Connection is closed|ECONNREFUSED|read/);
    expect(lines.join("\n")).not.toMatch(/"stack"|\n\s+at /);
    console.log(`${lines.length} log lines (${records.filter((r) => r.level >= 40).length} at warn or above) for an outage of ${60}+ refused reconnects`);
  }, 120_000);
});
