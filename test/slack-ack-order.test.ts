import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { questionRunId } from "../bot/ask/question-run-id.js";
import { pendingKeys } from "../bot/ask/run-keys.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId } from "./fakes/slack/start-fake-slack.js";
import { startRedisTap } from "./fixtures/redis-tap.js";
import { answersInThread, startSlackStack, testLinkSecret, testSigningSecret } from "./fixtures/slack-stack.js";

// Slack does not redeliver an event it got an acknowledgement for, so the bot acknowledges a question only
// once Redis holds it as pending. The bot's Redis goes through a tap that holds back the admission's answer:
// while it is held, the question is admitted in Redis and yet no ack may have reached Slack.
const redis = new Redis("redis://127.0.0.1:6379");
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  redis.disconnect();
});

async function tappedStack(name: string, extra: NodeJS.ProcessEnv = {}) {
  const tap = await startRedisTap();
  cleanup.push(() => tap.close());
  const stack = await startSlackStack({ name, extra: { REDIS_URL: `redis://127.0.0.1:${tap.port}`, ...extra } });
  // Closed before the tap, which carries its Redis connections.
  cleanup.push(() => stack.close());
  return { tap, stack, keyPrefix: `${String(stack.env.SKIFF_QUEUE_PREFIX)}:bot` };
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Delivers one mention through `deliver` (resolving once Slack has the ack) and checks the order: the
 * admission reaches Redis, no ack while its answer is held, the ack once it is let through; then, with
 * Slack holding the reaction and the placeholder unanswered, the ack is already out: nothing after
 * admission holds it up. The question is answered once.
 */
async function expectAckAfterAdmission(setup: Awaited<ReturnType<typeof tappedStack>>, deliver: (event: Record<string, unknown>) => Promise<unknown>) {
  const { tap, stack, keyPrefix } = setup;
  // The channel is unique to this test, and the admission is the first command carrying it.
  const channel = `CACK${randomBytes(4).toString("hex").toUpperCase()}`;
  const ts = "1764497000.000001";
  const runId = questionRunId(testLinkSecret, `msg:${channel}:${ts}`);
  const event = { type: "app_mention", user: "UACKORDER", text: `<@${fakeBotUserId}> New enterprise accounts this month`, ts, channel };
  const admission = tap.holdAnswers(channel);
  const slow = [stack.fake.hold("reactions.add", { when: (p) => p.channel === channel }), stack.fake.hold("chat.postMessage", { when: (p) => p.channel === channel })];

  let order = 0;
  let ackedAt: number | undefined;
  const acked = deliver(event).then(() => {
    ackedAt = ++order;
  });
  await admission.sent;
  await waitUntil(async () => (await redis.hexists(pendingKeys(keyPrefix).pending, runId)) === 1, "the question is pending in Redis");
  expect(ackedAt, "acknowledged before the bot heard back from its admission").toBeUndefined();
  const releasedAt = ++order;
  admission.release();
  await acked;
  expect(ackedAt).toBeGreaterThan(releasedAt);

  for (const held of slow) await held.waitForHeld(1);
  for (const held of slow) held.release();
  await stack.fake.waitFor((calls) => answersInThread(calls, channel, ts).length === 1, 45_000);
  await stack.settled(45_000);
  expect(answersInThread(stack.fake.calls, channel, ts)).toHaveLength(1);
  expect(stack.fake.calls.filter((c) => c.params.channel === channel && /can't take questions/.test(String(c.params.text)))).toHaveLength(0);
}

describe("Slack is acknowledged only once the question is pending in Redis", { timeout: 120_000 }, () => {
  it("over HTTP: the response goes out after the admission, not before", async () => {
    const setup = await tappedStack("ack-http");
    await expectAckAfterAdmission(setup, async (event) => {
      const response = await postToBot(`${setup.stack.botUrl}/slack/events`, { secret: testSigningSecret, body: eventEnvelope(event) });
      expect(response.status).toBe(200);
    });
  });

  it("over Socket Mode: the envelope's ack goes out after the admission, not before", async () => {
    const setup = await tappedStack("ack-socket", { SLACK_APP_TOKEN: "xapp-1-A0SKIFF-ack" });
    await setup.stack.fake.socket.waitForConnection();
    await expectAckAfterAdmission(setup, (event) =>
      setup.stack.fake.socket.deliver("events_api", {
        token: "legacy",
        team_id: "T0TEST",
        api_app_id: "A0SKIFF",
        type: "event_callback",
        event_id: `EvAck${randomBytes(4).toString("hex")}`,
        event_time: 1764497000,
        event: { event_ts: event.ts, ...event },
      }),
    );
  });
});
