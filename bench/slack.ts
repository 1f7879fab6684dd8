/**
 * `npm run bench:slack [throughputQuestions] [latencySeconds]`: questions
 * driven through the whole Slack path (signed HTTP event → bot → questions
 * queue → agent worker → queries queues → query worker → answers queue →
 * chat.update on a fake Slack Web API), every role in this process on the
 * scale-1 demo lake with the semantic planner. Prints:
 *   - questions/s with many questions in flight,
 *   - event-to-answer p50/p99 at a steady 10 questions/s,
 *   - the floor measured in the same run: one bare BullMQ job round trip plus
 *     the same Slack calls (reaction, placeholder, update), at 10/s;
 *   - Skiff's transport overhead beside it: event-to-answer minus the agent
 *     worker's own work on the question (history, plan, queries, run record),
 *     which the agent reports on its final AnswerJob.
 */
import { randomBytes } from "node:crypto";
import { Job, Queue, QueueEvents, Worker } from "bullmq";
import { App } from "@slack/bolt";
import { fixedClock } from "../shared/clock.js";
import { answerJobSchema } from "../shared/jobs/answer-job.js";
import { jobId, queueNames } from "../shared/jobs/queue-names.js";
import { silentLogger } from "../shared/logger.js";
import { startRoles } from "../cli/serve/start-roles.js";
import { eventEnvelope, postToBot } from "../test/fakes/slack/signed-slack-request.js";
import { fakeBotUserId, startFakeSlack, type SlackCall } from "../test/fakes/slack/start-fake-slack.js";
import { TEST_AS_OF } from "../test/fixtures/demo-lake.js";
import { deleteKeys } from "../test/fixtures/delete-keys.js";
import { stackEnv, testSigningSecret } from "../test/fixtures/slack-stack.js";
import { exampleQuestions } from "../test/fixtures/example-questions.js";

const throughputQuestions = Number(process.argv[2] ?? 400);
const latencySeconds = Number(process.argv[3] ?? 20);
const rate = 10;
const inFlight = 64;

const connection = { host: "127.0.0.1", port: 6379 };
const pending = new Map<string, { started: number; done: (ms: number) => void }>();
/** Per answered question: event-to-answer, and the run id and the run's duration (plan + queries) from the answer's context line. */
const samples: { total: number; runId: string; pipeline: number }[] = [];
const fromContextLine = (call: SlackCall): { runId: string; pipeline: number } => {
  const match = /· (\d+(?:\.\d+)?) (ms|s) · run `([^`]+)`/.exec(JSON.stringify(call.params.blocks));
  return match ? { runId: match[3] ?? "", pipeline: Number(match[1]) * (match[2] === "s" ? 1000 : 1) } : { runId: "", pipeline: NaN };
};
const placeholderOf = new Map<string, string>();
const isFinal = (call: SlackCall) => Array.isArray(call.params.blocks) && (call.params.blocks as Array<{ type: string }>).some((b) => b.type === "actions");
const fake = await startFakeSlack({
  record: false,
  onCall(call) {
    if (call.method === "chat.postMessage" && typeof call.params.thread_ts === "string" && typeof call.response.ts === "string") {
      placeholderOf.set(call.response.ts, call.params.thread_ts);
    } else if (call.method === "chat.update" && isFinal(call)) {
      const question = placeholderOf.get(String(call.params.ts));
      const entry = question ? pending.get(question) : undefined;
      if (entry && question) {
        pending.delete(question);
        const total = performance.now() - entry.started;
        samples.push({ total, ...fromContextLine(call) });
        entry.done(total);
      }
    }
  },
});
const prefix = `skiff-bench-${randomBytes(4).toString("hex")}`;
const env = await stackEnv({ fake, prefix, extra: { SKIFF_RATE_LIMIT_PER_MINUTE: "1000000", ...(process.env.SKIFF_DATABASE_URL ? { SKIFF_DATABASE_URL: process.env.SKIFF_DATABASE_URL } : {}) } });
const roles = await startRoles({ roles: ["query", "agent", "bot"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
const eventsUrl = `http://127.0.0.1:${roles.port ?? 0}/slack/events`;

let seq = 0;
/** One question through Slack; resolves with its event-to-answer time in ms. */
function ask(): Promise<number> {
  const n = ++seq;
  const ts = `1764400000.${String(n).padStart(6, "0")}`;
  const question = exampleQuestions[n % exampleQuestions.length] ?? exampleQuestions[0];
  const body = eventEnvelope({ type: "app_mention", user: `UBENCH${n % 50}`, text: `<@${fakeBotUserId}> ${question}`, ts, channel: "CBENCH" });
  return new Promise<number>((resolve, reject) => {
    pending.set(ts, { started: performance.now(), done: resolve });
    postToBot(eventsUrl, { secret: testSigningSecret, body })
      .then((r) => (r.status === 200 ? undefined : reject(new Error(`bot answered ${r.status}`))))
      .catch(reject);
  });
}

const answerJobWork = (job: Job | undefined): number => {
  const parsed = answerJobSchema.safeParse(job?.data);
  return parsed.success && parsed.data.kind === "final" && parsed.data.workMs !== undefined ? parsed.data.workMs : NaN;
};

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** Open loop at `perSecond` for `seconds`: a new question every 1/rate s whatever happens to the others. */
async function steady(perSecond: number, seconds: number, one: () => Promise<number>): Promise<number[]> {
  const runs: Promise<number>[] = [];
  const started = performance.now();
  for (let i = 0; i < perSecond * seconds; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    runs.push(one());
  }
  return Promise.all(runs);
}

// Warm-up: every example question a few times (planner caches, scratch warm, DuckDB pages).
await Promise.all(Array.from({ length: 28 }, () => ask()));

// Throughput: many questions in flight.
{
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < throughputQuestions) {
      next++;
      await ask();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - started) / 1000;
  console.log(`throughput: ${throughputQuestions} questions, ${inFlight} in flight: ${(throughputQuestions / seconds).toFixed(1)} questions/s (target ≥ 50)`);
}

// Latency at a steady 10 questions/s.
samples.length = 0;
const skiff = await steady(rate, latencySeconds, ask);
// The agent's own work per question (history, plan, queries, run record) rides on its final AnswerJob.
const answersQueue = new Queue(queueNames.answers, { connection, prefix });
const work = await Promise.all(samples.map(async (sample) => answerJobWork(await Job.fromId(answersQueue, jobId(sample.runId, "final")))));
await answersQueue.close();
const overhead = samples.map((s, i) => s.total - (work[i] ?? NaN)).filter((n) => Number.isFinite(n));
const workDone = work.filter((n) => Number.isFinite(n));
const pipeline = samples.map((s) => s.pipeline).filter((n) => Number.isFinite(n));
/** The stricter split: only plan and queries count as work, so the run record write and thread history count as overhead. */
const overheadStrict = samples.map((s) => s.total - s.pipeline).filter((n) => Number.isFinite(n));
console.log(`event-to-answer at ${rate} q/s for ${latencySeconds} s (${skiff.length} questions): p50 ${pct(skiff, 50).toFixed(1)} ms, p99 ${pct(skiff, 99).toFixed(1)} ms (target p99 ≤ 250 ms)`);

// The floor: a bare BullMQ round trip plus the same Slack calls through the same client library and fake.
const bare = new Queue("floor", { connection, prefix });
// Each waiting round trip listens for the queue closing.
bare.setMaxListeners(0);
const bareEvents = new QueueEvents("floor", { connection, prefix });
const bareWorker = new Worker("floor", async () => Promise.resolve({ ok: true }), { connection: { ...connection, maxRetriesPerRequest: null }, prefix, concurrency: 16 });
await bareEvents.waitUntilReady();
const client = new App({ token: "xoxb-floor", signingSecret: "floor", clientOptions: { slackApiUrl: fake.url }, tokenVerificationEnabled: false }).client;
let floorSeq = 0;
const floorOnce = async (): Promise<number> => {
  const started = performance.now();
  const ts = `1764300000.${String(++floorSeq).padStart(6, "0")}`;
  const [placeholder] = await Promise.all([
    client.chat.postMessage({ channel: "CFLOOR", thread_ts: ts, text: "Looking into it" }),
    client.reactions.add({ channel: "CFLOOR", timestamp: ts, name: "eyes" }),
  ]);
  const job = await bare.add("round-trip", { ts }, { removeOnComplete: { age: 60 } });
  await job.waitUntilFinished(bareEvents, 10_000);
  await client.chat.update({ channel: "CFLOOR", ts: placeholder.ts ?? ts, text: "answer", blocks: [{ type: "section", text: { type: "mrkdwn", text: "answer" } }] });
  return performance.now() - started;
};
await Promise.all(Array.from({ length: 20 }, floorOnce));
const floor = await steady(rate, Math.min(latencySeconds, 10), floorOnce);
console.log(`floor (bare BullMQ round trip + reaction, placeholder, update) at ${rate}/s: p50 ${pct(floor, 50).toFixed(1)} ms, p99 ${pct(floor, 99).toFixed(1)} ms`);
console.log(`  Skiff's agent work per question (history, plan, queries via the query queues, run record): p50 ${pct(workDone, 50).toFixed(1)} ms, p99 ${pct(workDone, 99).toFixed(1)} ms`);
console.log(`    of which plan and queries (the run's duration in the answer): p50 ${pct(pipeline, 50).toFixed(1)} ms, p99 ${pct(pipeline, 99).toFixed(1)} ms`);
console.log(`  Skiff's transport overhead (event-to-answer minus the agent's work): p50 ${pct(overhead, 50).toFixed(1)} ms, p99 ${pct(overhead, 99).toFixed(1)} ms → ${(pct(overhead, 50) / pct(floor, 50)).toFixed(2)}× / ${(pct(overhead, 99) / pct(floor, 99)).toFixed(2)}× the floor (target ≤ 2×)`);
console.log(`  counting the run record write as overhead too (event-to-answer minus plan and queries): p50 ${pct(overheadStrict, 50).toFixed(1)} ms, p99 ${pct(overheadStrict, 99).toFixed(1)} ms → ${(pct(overheadStrict, 50) / pct(floor, 50)).toFixed(2)}× / ${(pct(overheadStrict, 99) / pct(floor, 99)).toFixed(2)}×`);
console.log(`Skiff vs floor: p50 ${(pct(skiff, 50) / pct(floor, 50)).toFixed(2)}×, p99 ${(pct(skiff, 99) / pct(floor, 99)).toFixed(2)}× (end to end)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

await Promise.all([bareWorker.close(), bareEvents.close(), bare.close()]);
await roles.close();
await fake.close();
await deleteKeys(prefix);
process.exit(0);
