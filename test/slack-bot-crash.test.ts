import type { ChildProcess } from "node:child_process";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { admitQuestion } from "../bot/ask/admit-question.js";
import { questionRunId } from "../bot/ask/question-run-id.js";
import { pendingKeys, runKeys } from "../bot/ask/run-keys.js";
import { startRoles } from "../cli/serve/start-roles.js";
import { fixedClock } from "../shared/clock.js";
import { askJobId, type AskJob } from "../shared/jobs/ask-job.js";
import { queueNames } from "../shared/jobs/queue-names.js";
import { silentLogger } from "../shared/logger.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, startFakeSlack, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { TEST_AS_OF } from "./fixtures/demo-lake.js";
import { deleteKeys } from "./fixtures/delete-keys.js";
import { startRedisTap } from "./fixtures/redis-tap.js";
import { answersInThread, isFinalAnswer, queuesSettled, stackEnv, testLinkSecret, testSigningSecret, uniquePrefix } from "./fixtures/slack-stack.js";
import { spawnRole } from "./fixtures/spawn-role.js";

// A bot that dies while accepting questions: the next bot's reconciler finishes what it left, and every
// question it admitted ends with exactly one answer and no placeholder left saying "Looking into it".
const redis = new Redis("redis://127.0.0.1:6379");
const cleanup: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  redis.disconnect();
});

async function stack(name: string, onCall?: (call: SlackCall) => void, extra: NodeJS.ProcessEnv = {}) {
  const fake = await startFakeSlack(onCall ? { onCall } : {});
  cleanup.push(() => fake.close());
  const prefix = uniquePrefix(name);
  cleanup.push(() => deleteKeys(prefix));
  // Sweeps every 200 ms, so the test waits on the reconciler's work rather than on its cadence.
  const env = await stackEnv({ fake, prefix, extra: { SKIFF_RECONCILE_MS: "200", ...extra } });
  return { fake, prefix, env, keyPrefix: `${prefix}:bot` };
}

/**
 * A bot in its own process whose Redis goes through a tap: the moment it sends the admission of a question
 * carrying `marker`, the tap stops the process (SIGSTOP); once the admission has run in Redis (its answer
 * held back, so the bot never saw it) the process is SIGKILLed: dead after admission and before anything
 * else, the ack included. Resolves with what the delivery got back (0: no response at all).
 */
async function killAfterAdmission(env: NodeJS.ProcessEnv, keyPrefix: string, marker: string, runId: string, deliver: (botUrl: string) => Promise<number>): Promise<number> {
  const tap = await startRedisTap();
  cleanup.push(() => tap.close());
  const bot = await spawnRole("bot", { ...env, REDIS_URL: `redis://127.0.0.1:${tap.port}` });
  cleanup.push(() => bot.kill());
  const port = (JSON.parse(await bot.waitForLog((line) => line.includes('"bot ready"'), "bot ready")) as { port: number }).port;
  const admission = tap.holdAnswers(marker, () => bot.child.kill("SIGSTOP"));
  const delivered = deliver(`http://127.0.0.1:${port}/slack/events`);
  await admission.sent;
  await waitUntil(async () => (await redis.hexists(pendingKeys(keyPrefix).pending, runId)) === 1, "the admission ran in Redis");
  await bot.kill();
  return delivered;
}

/** The bot role in its own process, from the build as production runs it; resolves with its port once it takes events. */
async function spawnBot(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const bot = await spawnRole("bot", env);
  cleanup.push(() => bot.kill());
  const ready = await bot.waitForLog((line) => line.includes('"bot ready"'), "bot ready");
  return { child: bot.child, port: (JSON.parse(ready) as { port: number }).port };
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const placeholderPosts = (calls: readonly SlackCall[], channel: string, ts: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === channel && c.params.thread_ts === ts && !isFinalAnswer(c.params));

/** One answer in the thread, and every placeholder Slack took is that answer: nothing left saying "Looking into it". */
function expectAnsweredOnce(calls: readonly SlackCall[], channel: string, ts: string) {
  const answers = answersInThread(calls, channel, ts);
  expect(answers, `answers in ${ts}`).toHaveLength(1);
  const posted = placeholderPosts(calls, channel, ts).filter((c) => c.response.ok === true);
  expect(posted.length, `placeholders in ${ts}`).toBeLessThanOrEqual(1);
  if (posted[0]) expect(answers[0]?.params.ts, `the answer in ${ts} replaces its placeholder`).toBe(posted[0].response.ts);
}

describe("a bot that dies while accepting questions", { timeout: 240_000 }, () => {
  it("killed between admission and the ack: the next bot answers the question exactly once, Slack's redelivery included, without counting it twice", async () => {
    // One question a minute: a redelivery counted against the asker would be told to slow down.
    const { fake, env, keyPrefix } = await stack("killed-before-ack", undefined, { SKIFF_RATE_LIMIT_PER_MINUTE: "1" });
    const channel = "CKILLEDACK";
    const ts = "1764498200.000001";
    const runId = questionRunId(testLinkSecret, `msg:${channel}:${ts}`);
    const body = eventEnvelope({ type: "app_mention", user: "UKILLED", text: `<@${fakeBotUserId}> New enterprise accounts this month`, ts, channel }, "EvKilledBeforeAck");
    const status = await killAfterAdmission(env, keyPrefix, channel, runId, (url) => postToBot(url, { secret: testSigningSecret, body }).then((r) => r.status, () => 0));
    expect(status, "the dead bot acknowledged the event").toBe(0);
    expect(fake.calls.filter((c) => c.params.channel === channel)).toHaveLength(0);

    // Slack got no ack, so it delivers the event again, to the next bot: a duplicate of a question already pending.
    const roles = await startRoles({ roles: ["query", "agent", "bot"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
    cleanup.push(() => roles.close());
    expect((await postToBot(`http://127.0.0.1:${roles.port ?? 0}/slack/events`, { secret: testSigningSecret, body, retryNum: 1 })).status).toBe(200);
    await fake.waitFor((calls) => answersInThread(calls, channel, ts).length === 1, 60_000);
    await waitUntil(async () => (await redis.zcard(pendingKeys(keyPrefix).pendingAt)) === 0, "the answered question left the pending list");
    await queuesSettled(env.SKIFF_QUEUE_PREFIX ?? "");

    expectAnsweredOnce(fake.calls, channel, ts);
    const said = fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === channel).map((c) => String(c.params.text));
    expect(said.filter((text) => /as many as I take|can't take questions/.test(text))).toEqual([]);
  });

  it("killed between admitting an /ask and its ack: the next bot posts the question in the channel once and answers it there once", async () => {
    const { fake, env, keyPrefix } = await stack("killed-before-ask-ack");
    const channel = "CKILLEDASK";
    const runId = questionRunId(testLinkSecret, "cmd:T.killed.ask");
    const form = new URLSearchParams({
      command: "/ask",
      text: "Top 10 countries by requests in the last 7 days",
      user_id: "UKILLEDASK",
      user_name: "ada",
      channel_id: channel,
      team_id: "T0TEST",
      trigger_id: "T.killed.ask",
      response_url: `${fake.url}response/T.killed.ask`,
      api_app_id: "A0SKIFF",
    }).toString();
    const status = await killAfterAdmission(env, keyPrefix, channel, runId, (url) =>
      postToBot(url, { secret: testSigningSecret, body: form, contentType: "application/x-www-form-urlencoded" }).then((r) => r.status, () => 0),
    );
    expect(status, "the dead bot acknowledged the command").toBe(0);
    expect(fake.calls.filter((c) => c.params.channel === channel)).toHaveLength(0);

    const roles = await startRoles({ roles: ["query", "agent", "bot"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
    cleanup.push(() => roles.close());
    const echoes = (calls: readonly SlackCall[]) => calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === channel && !c.params.thread_ts && c.response.ok === true);
    await fake.waitFor((calls) => echoes(calls).length === 1, 60_000);
    const threadTs = String(echoes(fake.calls)[0]?.response.ts);
    expect(echoes(fake.calls)[0]?.params.text).toBe("<@UKILLEDASK> asked: Top 10 countries by requests in the last 7 days");
    await fake.waitFor((calls) => answersInThread(calls, channel, threadTs).length === 1, 60_000);
    await waitUntil(async () => (await redis.zcard(pendingKeys(keyPrefix).pendingAt)) === 0, "the answered question left the pending list");
    await queuesSettled(env.SKIFF_QUEUE_PREFIX ?? "");
    expect(echoes(fake.calls)).toHaveLength(1);
    expectAnsweredOnce(fake.calls, channel, threadTs);
  });

  it("leaves an admitted question that never reached the queue to the next bot, which enqueues and answers it once", async () => {
    const { fake, env, keyPrefix, prefix } = await stack("bot-died");
    const ts = "1764498000.000001";
    const questionKey = `msg:CDIED:${ts}`;
    const job: AskJob = {
      runId: questionRunId(testLinkSecret, questionKey),
      question: "New enterprise accounts this month",
      asker: "UDIED",
      surface: "mention",
      channel: "CDIED",
      threadTs: ts,
      newThread: true,
      eventAt: Date.now(),
    };
    // Exactly what a bot killed right after admission leaves: the question pending, no AskJob, no placeholder.
    expect((await admitQuestion(redis, keyPrefix, { user: "UDIED", dedupeKeys: [questionKey, "event:EvDied1"], perMinute: 10, record: job })).kind).toBe("admitted");

    const roles = await startRoles({ roles: ["query", "agent", "bot"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
    cleanup.push(() => roles.close());
    await fake.waitFor((calls) => answersInThread(calls, "CDIED", ts).length === 1, 60_000);
    await waitUntil(async () => (await redis.zcard(pendingKeys(keyPrefix).pendingAt)) === 0, "the answered question left the pending list");

    // Slack delivering the event again (had the dead bot's acknowledgement been lost) starts nothing new.
    const event = { type: "app_mention", user: "UDIED", text: `<@${fakeBotUserId}> ${job.question}`, ts, channel: "CDIED" };
    expect((await postToBot(`http://127.0.0.1:${roles.port ?? 0}/slack/events`, { secret: testSigningSecret, body: eventEnvelope(event, "EvDied1") })).status).toBe(200);
    const questions = new Queue(queueNames.questions, { connection: { host: "127.0.0.1", port: 6379 }, prefix });
    cleanup.push(() => questions.close());
    await waitUntil(async () => (await questions.getJobCountByTypes("waiting", "active")) === 0, "the questions queue is idle");

    expectAnsweredOnce(fake.calls, "CDIED", ts);
    // The reconciler posted the missing placeholder, and the answer replaced it.
    expect(placeholderPosts(fake.calls, "CDIED", ts).filter((c) => c.response.ok === true)).toHaveLength(1);
    expect((await questions.getJobs(["completed"])).filter((j) => j.id === askJobId(job.runId))).toHaveLength(1);
    expect((await questions.getJobs(["completed", "waiting", "active", "delayed", "failed"])).length).toBe(1);
  });

  it("SIGKILLed mid-burst: every question it admitted is answered exactly once after a new bot starts", async () => {
    const burst = 40;
    const dying: { child?: ChildProcess } = {};
    let seen = 0;
    // The bot dies the moment Slack receives its fifth placeholder: that post lands but its ts never comes back,
    // and the other accepts are cut wherever they were (admitted, enqueued, posting).
    const { fake, env, keyPrefix } = await stack("bot-burst", (call) => {
      if (call.method === "chat.postMessage" && call.params.channel === "CBURST" && !isFinalAnswer(call.params) && ++seen === 5) dying.child?.kill("SIGKILL");
    });
    const bot = await spawnBot(env);
    dying.child = bot.child;
    const exited = new Promise((resolve) => bot.child.once("exit", resolve));

    const events = Array.from({ length: burst }, (_, i) => ({
      type: "app_mention",
      user: `UBURST${i}`,
      text: `<@${fakeBotUserId}> ${["New enterprise accounts this month", "Top 10 countries by requests in the last 7 days"][i % 2] ?? ""}`,
      ts: `1764498100.${String(i + 1).padStart(6, "0")}`,
      channel: "CBURST",
    }));
    const url = `http://127.0.0.1:${bot.port}/slack/events`;
    const acks = events.map((event) => postToBot(url, { secret: testSigningSecret, body: eventEnvelope(event) }).then((r) => r.status, () => 0));
    await exited;
    await Promise.all(acks);

    // What the dead bot admitted (dedupe mark and pending record are one atomic step), and what it left undone.
    const admitted: string[] = [];
    let unfinished = 0;
    for (const event of events) {
      if (!(await redis.exists(`${keyPrefix}:seen:msg:CBURST:${event.ts}`))) continue;
      admitted.push(event.ts);
      const runId = questionRunId(testLinkSecret, `msg:CBURST:${event.ts}`);
      const placeholder = await redis.get(runKeys(keyPrefix, runId).placeholder);
      if (placeholder === null || placeholder === "?") unfinished += 1;
    }
    expect(admitted.length).toBeGreaterThanOrEqual(5);
    expect(unfinished).toBeGreaterThan(0);

    const roles = await startRoles({ roles: ["query", "agent", "bot"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
    cleanup.push(() => roles.close());
    await fake.waitFor((calls) => admitted.every((ts) => answersInThread(calls, "CBURST", ts).length >= 1), 180_000);
    await waitUntil(async () => (await redis.zcard(pendingKeys(keyPrefix).pendingAt)) === 0, "every answered question left the pending list");

    for (const ts of admitted) expectAnsweredOnce(fake.calls, "CBURST", ts);
    // The placeholders that landed while their poster died were found again by their metadata, not posted twice.
    expect(fake.callsTo("conversations.replies").length).toBeGreaterThan(0);
    // A question the dead bot never admitted has nothing half-done in its thread.
    for (const event of events.filter((e) => !admitted.includes(e.ts))) expect(fake.calls.filter((c) => c.params.thread_ts === event.ts)).toHaveLength(0);
  });
});
