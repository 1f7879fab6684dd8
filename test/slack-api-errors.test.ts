import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { finalUpdates, startSlackStack, testSigningSecret, type SlackStack } from "./fixtures/slack-stack.js";

// Slack failing the way it does: platform errors (ok: false), 5xx and 429 with Retry-After.
let stack: SlackStack;
let seq = 0;

beforeAll(async () => {
  stack = await startSlackStack({ name: "slack-errors" });
});
afterAll(async () => {
  await stack?.close();
});

/** Asks in a new thread; resolves with the thread's placeholder ts once one was posted. */
async function ask(question: string): Promise<{ ts: string; placeholderTs: () => string }> {
  const ts = `1764496000.${String(++seq).padStart(6, "0")}`;
  const event = { type: "app_mention", user: `UERR${seq}`, text: `<@${fakeBotUserId}> ${question}`, ts, channel: "CERRORS" };
  expect((await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body: eventEnvelope(event) })).status).toBe(200);
  const placeholders = () => stack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts && c.response.ok === true);
  return { ts, placeholderTs: () => String(placeholders()[0]?.response.ts) };
}

const landed = (calls: readonly SlackCall[], placeholderTs: string) => finalUpdates(calls, placeholderTs).filter((c) => c.response.ok === true);
const failed = (calls: readonly SlackCall[], placeholderTs: string) => finalUpdates(calls, placeholderTs).filter((c) => c.response.ok === false);

async function settle(ms = 500) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe("Skiff when Slack's Web API fails", () => {
  it("retries an answer whose update Slack refused, and the thread still ends with one answer", async () => {
    stack.fake.failNext("chat.update", "internal_error");
    const { placeholderTs } = await ask("New enterprise accounts this month");
    await stack.fake.waitFor((calls) => landed(calls, placeholderTs()).length === 1, 15_000);
    await settle();
    expect(failed(stack.fake.calls, placeholderTs())).toHaveLength(1);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(1);
  });

  it("rides out a 503 and a 429 with Retry-After within the call", async () => {
    stack.fake.failNext("chat.postMessage", "service_unavailable", { status: 503 });
    stack.fake.failNext("chat.update", "ratelimited", { status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const { ts, placeholderTs } = await ask("Top 10 countries by requests in the last 7 days");
    await stack.fake.waitFor((calls) => landed(calls, placeholderTs()).length === 1, 15_000);
    // The update waited out Slack's Retry-After rather than hammering it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await settle();
    const posts = stack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts);
    expect(posts.map((c) => c.response.ok)).toEqual([false, true]);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(1);
  });

  it("gives a call up after its bounded retries and lets the answers queue try again", async () => {
    // Four 502s: the first try and both of the client's retries fail, then the queue's second attempt's first try.
    stack.fake.failNext("chat.update", "bad_gateway", { status: 502, times: 4 });
    const started = Date.now();
    const { placeholderTs } = await ask("How many zones signed up each day this week?");
    await stack.fake.waitFor((calls) => landed(calls, placeholderTs()).length === 1, 15_000);
    // Within seconds: a call that kept retrying on its own (the client's default) would still be backing off.
    expect(Date.now() - started).toBeLessThan(8_000);
    await settle();
    expect(failed(stack.fake.calls, placeholderTs())).toHaveLength(4);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(1);
  });

  it("answers in the thread when the placeholder was deleted, and only once", async () => {
    stack.fake.failNext("chat.update", "message_not_found");
    const { ts, placeholderTs } = await ask("Bandwidth by cache status for the last 24 hours");
    const answers = () => stack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts && JSON.stringify(c.params.blocks).includes("View queries"));
    await stack.fake.waitFor(() => answers().length === 1, 15_000);
    await settle();
    expect(answers()).toHaveLength(1);
    expect(failed(stack.fake.calls, placeholderTs())).toHaveLength(1);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(0);
  });
});
