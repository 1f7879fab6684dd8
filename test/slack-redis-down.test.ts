import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startRoles } from "../cli/serve/start-roles.js";
import { fixedClock } from "../shared/clock.js";
import { silentLogger } from "../shared/logger.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, startFakeSlack, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { TEST_AS_OF } from "./fixtures/demo-lake.js";
import { deleteKeys } from "./fixtures/delete-keys.js";
import { finalUpdates, stackEnv, testSigningSecret, uniquePrefix } from "./fixtures/slack-stack.js";
import { createStallingTcpProxy } from "./fixtures/stalling-tcp-proxy.js";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** "Redis comes back": a TCP relay to the real Redis on the port the bot was pointed at. */
async function relayToRedis(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(6379, "127.0.0.1");
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("Redis unreachable", () => {
  it("tells the asker Skiff can't take questions right now, then recovers when Redis returns", async () => {
    const fake = await startFakeSlack();
    cleanup.push(() => fake.close());
    const prefix = uniquePrefix("redis-down");
    cleanup.push(() => deleteKeys(prefix));
    const port = await freePort();
    const env = await stackEnv({ fake, prefix, extra: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    const bot = await startRoles({ roles: ["bot"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger, closeTimeoutMs: 5_000 });
    const botUrl = `http://127.0.0.1:${bot.port ?? 0}`;
    const ask = (ts: string) =>
      postToBot(`${botUrl}/slack/events`, {
        secret: testSigningSecret,
        body: eventEnvelope({ type: "app_mention", user: "UDOWN", text: `<@${fakeBotUserId}> New enterprise accounts this month`, ts, channel: "CDOWN" }),
      });

    const started = Date.now();
    expect((await ask("1764490200.000001")).status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.thread_ts === "1764490200.000001"), 5_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    const sorry = fake.callsTo("chat.postMessage").find((c) => c.params.thread_ts === "1764490200.000001");
    expect(String(sorry?.params.text)).toMatch(/can't take questions right now/);
    expect((await fetch(`${botUrl}/readyz`)).status).toBe(503);

    const relay = await relayToRedis(port);
    cleanup.push(() => relay.close());
    // The bot talks to Redis through the relay, so it closes while the relay is still up.
    cleanup.push(() => bot.close());
    const workers = await startRoles({ roles: ["query", "agent"], env: { ...env, REDIS_URL: "redis://127.0.0.1:6379" }, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
    cleanup.push(() => workers.close());
    const deadline = Date.now() + 10_000;
    while ((await fetch(`${botUrl}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error("the bot never saw Redis come back");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    expect((await ask("1764490200.000002")).status).toBe(200);
    await fake.waitFor((calls) => finalUpdates(calls).length === 1, 15_000);
    const answer = finalUpdates(fake.calls)[0];
    expect(JSON.stringify(answer?.params.blocks)).toContain("View queries");
    const thread = fake.callsTo("chat.postMessage").filter((c) => c.params.thread_ts === "1764490200.000002");
    expect(thread).toHaveLength(1);
    expect(answer?.params.ts).toBe(thread[0]?.response.ts);
  }, 40_000);

  // Redis that accepts the connection and then never answers: the admission gives up at its bound, so the ack
  // still reaches Slack within its 3 s, and the thread hears why there will be no answer.
  async function stalledBot(name: string, extra: NodeJS.ProcessEnv = {}) {
    const fake = await startFakeSlack();
    cleanup.push(() => fake.close());
    const prefix = uniquePrefix(name);
    cleanup.push(() => deleteKeys(prefix));
    const proxy = await createStallingTcpProxy({ host: "127.0.0.1", port: 6379 });
    cleanup.push(() => proxy.close());
    const env = await stackEnv({ fake, prefix, extra: { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, ...extra } });
    const bot = await startRoles({ roles: ["bot"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger, closeTimeoutMs: 5_000 });
    cleanup.push(() => bot.close());
    if (extra.SLACK_APP_TOKEN) await fake.socket.waitForConnection();
    proxy.stall();
    return { fake, botUrl: `http://127.0.0.1:${bot.port ?? 0}` };
  }

  const sorryIn = (calls: readonly SlackCall[], ts: string) => calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts && /can't take questions right now/.test(String(c.params.text)));

  it("acknowledges an HTTP event within 3 s while Redis does not answer, and tells the thread", async () => {
    const { fake, botUrl } = await stalledBot("redis-stalled-http");
    const ts = "1764490300.000001";
    const started = Date.now();
    const response = await postToBot(`${botUrl}/slack/events`, {
      secret: testSigningSecret,
      body: eventEnvelope({ type: "app_mention", user: "USTALL", text: `<@${fakeBotUserId}> New enterprise accounts this month`, ts, channel: "CSTALL" }),
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    await fake.waitFor((calls) => sorryIn(calls, ts).length === 1, 15_000);
  }, 40_000);

  it("acknowledges a Socket Mode envelope within 3 s while Redis does not answer, and tells the thread", async () => {
    const { fake } = await stalledBot("redis-stalled-socket", { SLACK_APP_TOKEN: "xapp-1-A0SKIFF-stalled" });
    const ts = "1764490300.000002";
    const event = { type: "app_mention", user: "USTALL", text: `<@${fakeBotUserId}> New enterprise accounts this month`, ts, channel: "CSTALL", event_ts: ts };
    // The fake rejects a delivery Slack would call unacknowledged: no ack within 3 s.
    await fake.socket.deliver("events_api", { token: "legacy", team_id: "T0TEST", api_app_id: "A0SKIFF", type: "event_callback", event_id: "EvStalled1", event_time: 1764490300, event });
    await fake.waitFor((calls) => sorryIn(calls, ts).length === 1, 15_000);
  }, 40_000);
});
