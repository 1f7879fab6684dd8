import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../shared/clock.js";
import { loadSlackConfig } from "../../shared/config-slack.js";
import { silentLogger } from "../../shared/logger.js";
import type { RunRecord } from "../../shared/run-record.js";
import { createMemoryRunStore } from "../../test/fixtures/memory-run-store.js";
import { createWaitEstimator } from "../ask/create-wait-estimator.js";
import type { BotDeps } from "../bot-deps.js";
import { signRunLink } from "../links/run-link.js";
import { createBotMetrics } from "../metrics/create-bot-metrics.js";
import { createAfterAck } from "../slack/create-after-ack.js";
import { createWebHandler } from "./create-web-handler.js";

const linkSecret = "test-link-secret-0123456789abcdef0123456789";
const now = new Date("2025-11-30T12:00:00Z");
const record: RunRecord = {
  id: "r_web",
  question: "q <b>",
  asOf: now.toISOString(),
  createdAt: now.toISOString(),
  planner: "semantic",
  status: "answered",
  answer: "a",
  result: { columns: ["who", "n"], rows: [["=1+1", -5]] },
  caveats: [],
  queries: [],
  plan: {},
  durationMs: 1,
};

const redis = new Redis("redis://127.0.0.1:6379", { lazyConnect: true });
let server: Server;
let base: string;

beforeAll(async () => {
  const runStore = Object.assign(createMemoryRunStore(), { saveFeedback: () => Promise.resolve(), listFeedback: () => Promise.resolve([]) });
  await runStore.save(record);
  const deps: BotDeps = {
    slack: loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SKIFF_LINK_SECRET: linkSecret }),
    redis,
    keyPrefix: "skiff-test-web",
    questions: { add: () => Promise.reject(new Error("the web routes never enqueue")), toKey: (type) => `skiff-test-web:questions:${type}` },
    answers: { add: () => Promise.reject(new Error("the web routes never enqueue")), toKey: (type) => `skiff-test-web:answers:${type}` },
    askJobOptions: {},
    answerJobOptions: {},
    waitEstimator: createWaitEstimator({ waitingCount: () => Promise.resolve(0), slots: 1, maxWaitMs: 20_000 }),
    runStore,
    metrics: createBotMetrics({ queues: [], defaultMetrics: false }),
    afterAck: createAfterAck({ logger: silentLogger }),
    logger: silentLogger,
    clock: fixedClock(now),
  };
  const handler = createWebHandler(deps);
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  redis.disconnect();
});

const link = () => new URLSearchParams(signRunLink({ secret: linkSecret, runId: record.id, expiresAt: now.getTime() + 60_000 }));
const get = (path: string) => fetch(`${base}${path}`);

describe("the run page routes", () => {
  it("serve a run behind its signed link, its CSV neutralised", async () => {
    expect((await get(`/q/r_web?${link().toString()}`)).status).toBe(200);
    const csv = await get(`/q/r_web.csv?${link().toString()}`);
    expect(await csv.text()).toBe("who,n\n'=1+1,-5\n");
  });

  it("refuse non-canonical and malformed signatures with 403, never 500", async () => {
    const sig = link().get("sig") ?? "";
    const exp = link().get("exp") ?? "";
    const variants = [
      `${sig}=`,
      `${sig}%3D%3D`,
      Buffer.from(sig, "base64url").toString("base64"),
      `${sig.slice(0, -1)}${sig.at(-1) === "A" ? "B" : "A"}`,
      "%ZZ",
      "%00",
      "a+b",
      "x".repeat(5_000),
      "",
    ];
    for (const variant of variants) {
      const response = await get(`/q/r_web?exp=${exp}&sig=${variant}`);
      expect(response.status, variant).toBe(403);
    }
    for (const badExp of ["-1", "1e99", `0${exp}`, "%ZZ"]) expect((await get(`/q/r_web?exp=${badExp}&sig=${sig}`)).status, badExp).toBe(403);
  });

  it("answer a request target that does not parse as a URL with 404, and keep serving", async () => {
    // fetch sends the path as it is: `GET // HTTP/1.1`, which new URL() refuses against any base.
    expect((await get("//")).status).toBe(404);
    expect((await get("/healthz")).status).toBe(200);
  });
});
