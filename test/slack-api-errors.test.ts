import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askJobSchema } from "../shared/jobs/ask-job.js";
import { finalAnswerJobId } from "../shared/jobs/answer-job.js";
import { queueNames } from "../shared/jobs/queue-names.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { answersInThread, finalUpdates, isFinalAnswer, startSlackStack, testSigningSecret, type SlackStack } from "./fixtures/slack-stack.js";

// Slack failing the way it does: platform errors (ok: false), 5xx and 429 with Retry-After. Every failure is
// aimed at the call it is about (the final answer's update, the placeholder's post), never at whichever call
// happens to come next: how soon a progress update goes out depends on how fast the machine is.
let stack: SlackStack;
let answers: Queue;
let questions: Queue;
let seq = 0;
const answerWaitMs = 40_000;

beforeAll(async () => {
  stack = await startSlackStack({ name: "slack-errors", extra: { SKIFF_RECONCILE_MS: "200" } });
  const connection = { host: "127.0.0.1", port: 6379 };
  answers = new Queue(queueNames.answers, { connection, prefix: String(stack.env.SKIFF_QUEUE_PREFIX) });
  questions = new Queue(queueNames.questions, { connection, prefix: String(stack.env.SKIFF_QUEUE_PREFIX) });
});
afterAll(async () => {
  await answers?.close();
  await questions?.close();
  await stack?.close();
});

function mentionEvent(question: string, channel = "CERRORS") {
  const ts = `1764496000.${String(++seq).padStart(6, "0")}`;
  return { type: "app_mention", user: `UERR${seq}`, text: `<@${fakeBotUserId}> ${question}`, ts, channel };
}

/** Asks in a new thread; `placeholderTs()` is the thread's placeholder once one was posted. */
async function ask(question: string, channel = "CERRORS"): Promise<{ ts: string; placeholderTs: () => string }> {
  const event = mentionEvent(question, channel);
  expect((await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body: eventEnvelope(event) })).status).toBe(200);
  const placeholders = () => stack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === event.ts && c.response.ok === true);
  return { ts: event.ts, placeholderTs: () => String(placeholders()[0]?.response.ts) };
}

const landed = (calls: readonly SlackCall[], placeholderTs: string) => finalUpdates(calls, placeholderTs).filter((c) => c.response.ok === true);
const failed = (calls: readonly SlackCall[], placeholderTs: string) => finalUpdates(calls, placeholderTs).filter((c) => c.response.ok === false);
const inChannel = (channel: string) => (params: Record<string, unknown>) => params.channel === channel && isFinalAnswer(params);

const answersSettled = () => stack.settled(answerWaitMs);

function runIdOf(call: SlackCall | undefined): string {
  const id = /run `(r_[A-Za-z0-9_-]+)`/.exec(JSON.stringify(call?.params.blocks))?.[1];
  if (!id) throw new Error("the answer names no run");
  return id;
}

// Generous limits: they only bound how long a failure takes to show, and a loaded machine is slow, not wrong.
describe("Skiff when Slack's Web API fails", { timeout: 120_000 }, () => {
  it("retries an answer whose update Slack refused, and the thread still ends with one answer", async () => {
    stack.fake.failNext("chat.update", "internal_error", { when: inChannel("CERRORS") });
    const { placeholderTs } = await ask("New enterprise accounts this month");
    await stack.fake.waitFor((calls) => landed(calls, placeholderTs()).length === 1, answerWaitMs);
    await answersSettled();
    expect(failed(stack.fake.calls, placeholderTs())).toHaveLength(1);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(1);
  });

  it("rides out a 503 within the call, and a 429 through the answers queue after Slack's Retry-After", async () => {
    stack.fake.failNext("chat.postMessage", "service_unavailable", { status: 503 });
    stack.fake.failNext("chat.update", "ratelimited", { status: 429, retryAfterSeconds: 1, when: inChannel("CERRORS") });
    const { ts, placeholderTs } = await ask("Top 10 countries by requests in the last 7 days");
    await stack.fake.waitFor((calls) => landed(calls, placeholderTs()).length === 1, answerWaitMs);
    // The update waited out Slack's Retry-After rather than hammering it.
    const [refused] = failed(stack.fake.calls, placeholderTs());
    const [accepted] = landed(stack.fake.calls, placeholderTs());
    expect(refused?.response.error).toBe("ratelimited");
    expect((accepted?.at ?? 0) - (refused?.at ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(1_000);
    await answersSettled();
    const posts = stack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts);
    expect(posts.map((c) => c.response.ok)).toEqual([false, true]);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(1);
  });

  it("gives a call up after its bounded retries and lets the answers queue try again", async () => {
    // Four 502s: the first try and both of the client's retries fail, then the queue's second attempt's first try.
    stack.fake.failNext("chat.update", "bad_gateway", { status: 502, times: 4, when: inChannel("CERRORS") });
    const { placeholderTs } = await ask("How many zones signed up each day this week?");
    await stack.fake.waitFor((calls) => landed(calls, placeholderTs()).length === 1, answerWaitMs);
    await answersSettled();
    expect(failed(stack.fake.calls, placeholderTs())).toHaveLength(4);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(1);
    // The call gave up (a call retrying on its own, the client's default, would have landed in the first attempt).
    const job = await answers.getJob(finalAnswerJobId(runIdOf(landed(stack.fake.calls, placeholderTs())[0])));
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(2);
  });

  it("answers in the thread when the placeholder was deleted, and only once", async () => {
    stack.fake.failNext("chat.update", "message_not_found", { when: inChannel("CERRORS") });
    const { ts, placeholderTs } = await ask("Bandwidth by cache status for the last 24 hours");
    const replies = () => stack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts && JSON.stringify(c.params.blocks).includes("View queries"));
    await stack.fake.waitFor(() => replies().length === 1, answerWaitMs);
    await answersSettled();
    expect(replies()).toHaveLength(1);
    expect(failed(stack.fake.calls, placeholderTs())).toHaveLength(1);
    expect(landed(stack.fake.calls, placeholderTs())).toHaveLength(0);
  });

  it("still answers once when Slack refused the placeholder, and Slack's retry of the event is not a second run", async () => {
    const event = mentionEvent("What share of requests were cache hits yesterday?", "CNOPLACE");
    const isPlaceholder = (params: Record<string, unknown>) => params.thread_ts === event.ts && !isFinalAnswer(params);
    stack.fake.failNext("chat.postMessage", "internal_error", { when: isPlaceholder });
    const body = eventEnvelope(event);
    expect((await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body })).status).toBe(200);
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && isPlaceholder(c.params) && c.response.ok === false), answerWaitMs);
    // Slack delivers the same event again (it would, had the first acknowledgement been lost).
    expect((await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body, retryNum: 1 })).status).toBe(200);

    await stack.fake.waitFor((calls) => answersInThread(calls, "CNOPLACE", event.ts).length === 1, answerWaitMs);
    await answersSettled();
    expect(answersInThread(stack.fake.calls, "CNOPLACE", event.ts)).toHaveLength(1);
    const runs = (await questions.getJobs(["completed", "active", "waiting", "delayed", "failed"]))
      .map((job) => askJobSchema.safeParse(job.data))
      .filter((parsed) => parsed.success && parsed.data.threadTs === event.ts);
    expect(runs).toHaveLength(1);
  });

  it("waits out a 429 in one thread without holding up the answer in another", async () => {
    // Retry-After long enough that an answer stuck behind it could not land before the test gives up.
    stack.fake.failNext("chat.update", "ratelimited", { status: 429, retryAfterSeconds: 120, when: inChannel("CSLOW") });
    const slow = await ask("New enterprise accounts this month", "CSLOW");
    await stack.fake.waitFor((calls) => failed(calls, slow.placeholderTs()).length === 1, answerWaitMs);

    const fast = await ask("Top 10 countries by requests in the last 7 days", "CFAST");
    await stack.fake.waitFor((calls) => landed(calls, fast.placeholderTs()).length === 1, answerWaitMs);
    expect(landed(stack.fake.calls, slow.placeholderTs())).toHaveLength(0);

    // The slow thread's answer waits in the answers queue, delayed by its own Retry-After; let it go now.
    const delayed = (await answers.getJobs(["delayed"])).filter((job) => (job.data as { channel?: string }).channel === "CSLOW");
    expect(delayed).toHaveLength(1);
    await delayed[0]?.promote();
    await stack.fake.waitFor((calls) => landed(calls, slow.placeholderTs()).length === 1, answerWaitMs);
    await answersSettled();
    expect(landed(stack.fake.calls, slow.placeholderTs())).toHaveLength(1);
    expect(landed(stack.fake.calls, fast.placeholderTs())).toHaveLength(1);
  });
});
