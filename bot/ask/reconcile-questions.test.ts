import { randomBytes } from "node:crypto";
import { webApi } from "@slack/bolt";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../shared/clock.js";
import { loadSlackConfig } from "../../shared/config-slack.js";
import { answerJobSchema, finalAnswerJobId } from "../../shared/jobs/answer-job.js";
import { askJobId, type AskJob } from "../../shared/jobs/ask-job.js";
import { queueNames } from "../../shared/jobs/queue-names.js";
import { silentLogger } from "../../shared/logger.js";
import { startFakeSlack, type FakeSlack } from "../../test/fakes/slack/start-fake-slack.js";
import { deleteKeys } from "../../test/fixtures/delete-keys.js";
import { createMemoryRunStore } from "../../test/fixtures/memory-run-store.js";
import type { BotDeps } from "../bot-deps.js";
import { createBotMetrics } from "../metrics/create-bot-metrics.js";
import { createAfterAck } from "../slack/create-after-ack.js";
import { slackClientOptions } from "../slack/slack-call-limits.js";
import { admitQuestion } from "./admit-question.js";
import type { AwaitingEcho } from "./pending-question.js";
import { createWaitEstimator } from "./create-wait-estimator.js";
import { reconcileQuestions } from "./reconcile-questions.js";
import { pendingKeys, runKeys } from "./run-keys.js";

const prefix = `skiff-test-reconcile-${randomBytes(4).toString("hex")}`;
const connection = { host: "127.0.0.1", port: 6379 };
const redis = new Redis(connection);
const questions = new Queue(queueNames.questions, { connection, prefix });
const answers = new Queue(queueNames.answers, { connection, prefix });
let fake: FakeSlack;
let client: webApi.WebClient;
let deps: BotDeps;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeSlack();
  client = new webApi.WebClient("xoxb-test", slackClientOptions(fake.url));
  const runStore = Object.assign(createMemoryRunStore(), { saveFeedback: () => Promise.resolve(), listFeedback: () => Promise.resolve([]) });
  deps = {
    slack: loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SKIFF_LINK_SECRET: "test-link-secret-0123456789abcdef0123456789" }),
    redis,
    keyPrefix: `${prefix}:bot`,
    questions,
    answers,
    askJobOptions: {},
    answerJobOptions: {},
    waitEstimator: createWaitEstimator({ waitingCount: () => questions.getWaitingCount(), slots: 1, maxWaitMs: 20_000 }),
    runStore,
    metrics: createBotMetrics({ queues: [], defaultMetrics: false }),
    afterAck: createAfterAck({ logger: silentLogger }),
    logger: silentLogger,
    clock: systemClock,
  };
});
afterAll(async () => {
  await Promise.all([questions.close(), answers.close(), fake.close()]);
  await deleteKeys(prefix);
  redis.disconnect();
});

/** A question as the accept path's first step leaves it: admitted and pending, nothing else done yet. */
async function admitted(): Promise<AskJob> {
  const n = ++seq;
  const job: AskJob = { runId: `r_rec${n}`, question: "q", asker: `U${n}`, surface: "mention", channel: "CREC", threadTs: `1764499000.${String(n).padStart(6, "0")}`, newThread: true, eventAt: 1 };
  await admitQuestion(redis, deps.keyPrefix, { user: job.asker, dedupeKeys: [`msg:CREC:${job.threadTs}`], perMinute: 10, record: job });
  return job;
}

/** An /ask question as a bot that died right after admitting it leaves it: pending, its "asked:" message never posted. */
async function admittedSlash(): Promise<AwaitingEcho> {
  const n = ++seq;
  const question: AwaitingEcho = { runId: `r_rec${n}`, question: `slash question ${n}`, asker: `USLASH${n}`, surface: "slash", channel: `CSLASH${n}`, newThread: true, eventAt: Date.now(), awaiting: "echo" };
  await admitQuestion(redis, deps.keyPrefix, { user: question.asker, dedupeKeys: [`cmd:T${n}`], perMinute: 10, record: question });
  return question;
}

const echoesIn = (channel: string) => fake.callsTo("chat.postMessage").filter((c) => c.params.channel === channel && !c.params.thread_ts && c.response.ok === true);
const pendingJob = async (runId: string) => JSON.parse((await redis.hget(pendingKeys(deps.keyPrefix).pending, runId)) ?? "null") as unknown;

const placeholdersIn = (threadTs: string) => fake.callsTo("chat.postMessage").filter((c) => c.params.thread_ts === threadTs && c.response.ok === true);
const pending = async (runId: string) => (await redis.hexists(pendingKeys(deps.keyPrefix).pending, runId)) === 1;

describe("reconcileQuestions", () => {
  it("enqueues an admitted question that never reached the queue and posts its placeholder, once however often it sweeps", async () => {
    const job = await admitted();
    const report = await reconcileQuestions(deps, client, { graceMs: 0 });
    expect(report).toMatchObject({ skipped: false, enqueued: 1, placeholders: 1 });
    const queued = await questions.getJob(askJobId(job.runId));
    expect(queued?.data).toEqual(job);
    const [placeholder] = placeholdersIn(job.threadTs);
    expect(placeholder?.params.metadata).toEqual({ event_type: "skiff_placeholder", event_payload: { run_id: job.runId } });
    expect(await redis.get(runKeys(deps.keyPrefix, job.runId).placeholder)).toBe(placeholder?.response.ts);

    expect(await reconcileQuestions(deps, client, { graceMs: 0 })).toMatchObject({ enqueued: 0, placeholders: 0 });
    expect(placeholdersIn(job.threadTs)).toHaveLength(1);
    expect(await pending(job.runId)).toBe(true);
  });

  it("leaves a question admitted moments ago to the bot accepting it", async () => {
    const job = await admitted();
    await reconcileQuestions(deps, client, { graceMs: 60_000 });
    expect(await questions.getJob(askJobId(job.runId))).toBeUndefined();
    expect(placeholdersIn(job.threadTs)).toHaveLength(0);
  });

  it("takes an answered question off the list without driving it again", async () => {
    const job = await admitted();
    await redis.set(runKeys(deps.keyPrefix, job.runId).answered, "1");
    expect((await reconcileQuestions(deps, client, { graceMs: 0 })).settled).toBeGreaterThanOrEqual(1);
    expect(await pending(job.runId)).toBe(false);
    expect(await questions.getJob(askJobId(job.runId))).toBeUndefined();
  });

  it("finds a placeholder whose poster died mid-call in the thread instead of posting a second", async () => {
    const job = await admitted();
    await questions.add("ask", job, { jobId: askJobId(job.runId) });
    // The dead bot's post reached Slack; Redis only holds its mark.
    const lost = await client.chat.postMessage({ channel: job.channel, thread_ts: job.threadTs, text: "…", metadata: { event_type: "skiff_placeholder", event_payload: { run_id: job.runId } } });
    await redis.set(runKeys(deps.keyPrefix, job.runId).placeholder, "?");
    expect((await reconcileQuestions(deps, client, { graceMs: 0 })).placeholders).toBe(0);
    expect(placeholdersIn(job.threadTs)).toHaveLength(1);
    expect(await redis.get(runKeys(deps.keyPrefix, job.runId).placeholder)).toBe(lost.ts);
  });

  it("tells the thread when the AskJob failed for good and the agent's own word never came", async () => {
    const job = await admitted();
    await questions.add("ask", job, { jobId: askJobId(job.runId) });
    await redis.zadd(questions.toKey("failed"), Date.now(), askJobId(job.runId));
    expect((await reconcileQuestions(deps, client, { graceMs: 0 })).failed).toBe(1);
    const final = answerJobSchema.parse((await answers.getJob(finalAnswerJobId(job.runId)))?.data);
    expect(final).toMatchObject({ kind: "final", runId: job.runId, channel: job.channel, threadTs: job.threadTs, error: expect.stringContaining("could not finish") as unknown });
    // With the final answer on its way, the next sweep leaves the question to it.
    expect((await reconcileQuestions(deps, client, { graceMs: 0 })).failed).toBe(0);
  });

  it("gives a question up after a long time without an answer", async () => {
    const job = await admitted();
    await redis.zadd(pendingKeys(deps.keyPrefix).pendingAt, 1, job.runId);
    await reconcileQuestions(deps, client, { graceMs: 0 });
    expect(await pending(job.runId)).toBe(false);
  });

  it("posts the /ask message of a question whose bot died before it, then queues the question under it with a placeholder, once", async () => {
    const question = await admittedSlash();
    expect(await reconcileQuestions(deps, client, { graceMs: 0 })).toMatchObject({ echoes: 1 });
    const [echo] = echoesIn(question.channel);
    expect(echo?.params.text).toBe(`<@${question.asker}> asked: ${question.question}`);
    expect(echo?.params.metadata).toEqual({ event_type: "skiff_question", event_payload: { run_id: question.runId } });
    const threadTs = String(echo?.response.ts);
    const { awaiting: _awaiting, ...fields } = question;
    const job: AskJob = { ...fields, threadTs };
    expect(await pendingJob(question.runId)).toEqual(job);
    expect((await questions.getJob(askJobId(question.runId)))?.data).toEqual(job);
    expect(placeholdersIn(threadTs)).toHaveLength(1);

    expect(await reconcileQuestions(deps, client, { graceMs: 0 })).toMatchObject({ echoes: 0, enqueued: 0, placeholders: 0 });
    expect(echoesIn(question.channel)).toHaveLength(1);
    expect(placeholdersIn(threadTs)).toHaveLength(1);
  });

  it("finds an /ask message whose poster died mid-call in the channel instead of posting a second", async () => {
    const question = await admittedSlash();
    const lost = await client.chat.postMessage({ channel: question.channel, text: "asked", metadata: { event_type: "skiff_question", event_payload: { run_id: question.runId } } });
    await redis.set(runKeys(deps.keyPrefix, question.runId).echo, "?");
    await reconcileQuestions(deps, client, { graceMs: 0 });
    expect(echoesIn(question.channel)).toHaveLength(1);
    expect(await pendingJob(question.runId)).toMatchObject({ runId: question.runId, threadTs: lost.ts });
    expect((await questions.getJob(askJobId(question.runId)))?.data).toMatchObject({ threadTs: lost.ts });
  });

  it("takes back an /ask question Slack refuses to post, without counting it against the asker", async () => {
    const question = await admittedSlash();
    fake.failNext("chat.postMessage", "not_in_channel", { when: (params) => params.channel === question.channel });
    await reconcileQuestions(deps, client, { graceMs: 0 });
    expect(await pending(question.runId)).toBe(false);
    expect(await redis.zcard(`${deps.keyPrefix}:rate:${question.asker}`)).toBe(0);
    expect(await questions.getJob(askJobId(question.runId))).toBeUndefined();
    expect(await reconcileQuestions(deps, client, { graceMs: 0 })).toMatchObject({ echoes: 0 });
  });

  it("lets one of several bots sweep at a time, and the question is driven once", async () => {
    const job = await admitted();
    const reports = await Promise.all([reconcileQuestions(deps, client, { graceMs: 0 }), reconcileQuestions(deps, client, { graceMs: 0 }), reconcileQuestions(deps, client, { graceMs: 0 })]);
    expect(reports.filter((r) => !r.skipped).length).toBeGreaterThanOrEqual(1);
    expect(reports.reduce((n, r) => n + r.enqueued, 0)).toBe(1);
    expect(placeholdersIn(job.threadTs)).toHaveLength(1);
  });
});
