import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRoles, type RunningRoles } from "../cli/serve/start-roles.js";
import { fixedClock } from "../shared/clock.js";
import { silentLogger } from "../shared/logger.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { TEST_AS_OF } from "./fixtures/demo-lake.js";
import { answersInThread, isFinalAnswer, startSlackStack, testSigningSecret, type SlackStack } from "./fixtures/slack-stack.js";

// The bot alone at first: no agent takes questions, so the queue only grows, exactly as deep as what was asked.
let stack: SlackStack;
let workers: RunningRoles | undefined;
let seq = 0;

beforeAll(async () => {
  // One agent slot and a 1 s patience: a single question ahead already makes the wait too long to meet in silence.
  stack = await startSlackStack({ name: "busy", roles: ["bot"], extra: { SKIFF_MAX_WAIT_MS: "1000", SKIFF_AGENT_SLOTS: "1" } });
});
afterAll(async () => {
  await workers?.close();
  await stack?.close();
});

async function ask(question: string): Promise<{ ts: string; placeholder: SlackCall }> {
  const ts = `1764497000.${String(++seq).padStart(6, "0")}`;
  const event = { type: "app_mention", user: `UBUSY${seq}`, text: `<@${fakeBotUserId}> ${question}`, ts, channel: "CBUSY" };
  const started = Date.now();
  expect((await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body: eventEnvelope(event) })).status).toBe(200);
  // Acknowledged before any Redis or Slack round trip of the question.
  expect(Date.now() - started).toBeLessThan(3_000);
  const placeholders = (calls: readonly SlackCall[]) => calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts && c.response.ok === true && !isFinalAnswer(c.params));
  await stack.fake.waitFor((calls) => placeholders(calls).length === 1, 30_000);
  return { ts, placeholder: placeholders(stack.fake.calls)[0] as SlackCall };
}

describe("Skiff when its queue is deep", { timeout: 120_000 }, () => {
  it("says in the placeholder how many questions are ahead and how long the wait is, then answers each once", async () => {
    const first = await ask("New enterprise accounts this month");
    expect(String(first.placeholder.params.text)).toMatch(/^:mag: Looking into it/);

    const second = await ask("Top 10 countries by requests in the last 7 days");
    // Before any answer, an answer is assumed to take 5 s: one ahead, one slot, so about 10 s with its own.
    expect(second.placeholder.params.text).toBe(":hourglass: Busy: about 1 question ahead of yours, expect ~10 s. Your answer will appear here.");
    const third = await ask("How many zones signed up each day this week?");
    expect(third.placeholder.params.text).toBe(":hourglass: Busy: about 2 questions ahead of yours, expect ~15 s. Your answer will appear here.");

    // The workers arrive and drain the queue; every busy placeholder becomes its answer, once.
    workers = await startRoles({ roles: ["query", "agent"], env: stack.env, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
    const threads = [first, second, third];
    await stack.fake.waitFor((calls) => threads.every(({ ts }) => answersInThread(calls, "CBUSY", ts).length === 1), 60_000);
    for (const { ts, placeholder } of threads) {
      const [answer] = answersInThread(stack.fake.calls, "CBUSY", ts);
      expect(answer?.method).toBe("chat.update");
      expect(answer?.params.ts).toBe(placeholder.response.ts);
    }
    const metrics = await (await fetch(`${stack.botUrl}/metrics`)).text();
    expect(metrics).toMatch(/skiff_busy_placeholders_total 2/);
  });
});
