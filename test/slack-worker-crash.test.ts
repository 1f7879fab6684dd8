import { randomBytes } from "node:crypto";
import { Job, Queue, QueueEvents } from "bullmq";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startRoles, type RunningRoles } from "../cli/serve/start-roles.js";
import { fixedClock } from "../shared/clock.js";
import { loadQueueConfig } from "../shared/config-queues.js";
import type { QueryJob } from "../shared/jobs/query-job.js";
import { queueNames } from "../shared/jobs/queue-names.js";
import { silentLogger } from "../shared/logger.js";
import { createPostgresRunStore } from "../shared/run-store/create-postgres-run-store.js";
import { queryJobId } from "../workers/queues/create-queue-run-engine.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, startFakeSlack, type FakeSlack } from "./fakes/slack/start-fake-slack.js";
import { deleteKeys } from "./fixtures/delete-keys.js";
import { TEST_AS_OF } from "./fixtures/demo-lake.js";
import { finalUpdates, stackEnv, testSigningSecret, uniquePrefix } from "./fixtures/slack-stack.js";
import { spawnRole } from "./fixtures/spawn-role.js";

const adminUrl = "postgres://postgres@127.0.0.1:5432/postgres";
const database = `skiff_crash_${randomBytes(4).toString("hex")}`;
const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `TIMESTAMP '2026-11-30 12:00:00'`: how the SQL writes an instant (the end of a "last 7 days" window is the run's as-of). */
const sqlTimestamp = (at: Date) => `TIMESTAMP '${at.toISOString().slice(0, 19).replace("T", " ")}'`;

describe("an agent worker killed mid-run", () => {
  it("is recovered by another worker within seconds, the rerun answers as of its own start with new query jobs, and the thread ends with exactly one answer", async () => {
    await admin(`CREATE DATABASE ${database}`);
    cleanup.push(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    const fake: FakeSlack = await startFakeSlack();
    cleanup.push(() => fake.close());
    const prefix = uniquePrefix("crash");
    cleanup.push(() => deleteKeys(prefix));
    const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
    // Production lock settings: what is measured below is what an install gets.
    const env = await stackEnv({ fake, prefix, extra: { SKIFF_DATABASE_URL: databaseUrl } });
    const defaults = loadQueueConfig({});

    const bot: RunningRoles = await startRoles({ roles: ["bot"], env, logger: silentLogger });
    cleanup.push(() => bot.close());
    // The first attempt runs in its own process (from the build, as production runs it), on the real clock.
    const doomed = await spawnRole("agent", env);
    cleanup.push(() => doomed.kill());
    console.log(`agent role ready ${doomed.readyMs} ms after spawn (node dist/cli/serve.js agent)`);

    // Query workers take nothing until the test says so: the agent stays mid-run, its query queued.
    const queries = new Queue(queueNames.queries("analytics"), { connection: { host: "127.0.0.1", port: 6379 }, prefix });
    cleanup.push(() => queries.close());
    await queries.pause();
    const questions = new QueueEvents(queueNames.questions, { connection: { host: "127.0.0.1", port: 6379 }, prefix });
    cleanup.push(() => questions.close());
    await questions.waitUntilReady();
    let answeredAt: number | undefined;
    const answered = new Promise<void>((resolve) =>
      questions.on("completed", () => {
        answeredAt = Date.now();
        resolve();
      }),
    );

    const ts = "1764490100.000001";
    const event = { type: "app_mention", user: "UCRASH", text: `<@${fakeBotUserId}> Top 10 countries by requests in the last 7 days`, ts, channel: "CCRASH" };
    expect((await postToBot(`http://127.0.0.1:${bot.port ?? 0}/slack/events`, { secret: testSigningSecret, body: eventEnvelope(event) })).status).toBe(200);
    await waitUntil(async () => (await queries.getJobs(["waiting"])).length > 0, "the agent queued its query");
    const [firstAttempt] = await queries.getJobs(["waiting"]);

    // The rescuers run before the kill, as in production; their clock is another instant, as a rerun's would be.
    const rescuers = await startRoles({ roles: ["query", "agent"], env, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
    cleanup.push(() => rescuers.close());
    await doomed.kill();
    const killedAt = Date.now();
    await queries.resume();

    await answered;
    const recoveryMs = (answeredAt ?? Date.now()) - killedAt;
    console.log(`question answered by another agent worker ${recoveryMs} ms after SIGKILL (lock ${defaults.lockDurationMs} ms, stalled check ${defaults.stalledIntervalMs} ms)`);
    expect(recoveryMs).toBeLessThan(20_000);
    await fake.waitFor((calls) => finalUpdates(calls).length > 0, 20_000);
    // Anything still on its way (a second final answer, a stray update) arrives through the answers queue, which drains now.
    const answers = new Queue(queueNames.answers, { connection: { host: "127.0.0.1", port: 6379 }, prefix });
    cleanup.push(() => answers.close());
    await waitUntil(async () => (await answers.getJobCountByTypes("waiting", "active", "delayed")) === 0, "the bot drained the answers queue");

    const posts = fake.callsTo("chat.postMessage").filter((c) => c.params.channel === "CCRASH");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params.thread_ts).toBe(ts);
    const finals = finalUpdates(fake.calls);
    expect(finals).toHaveLength(1);
    expect(finals[0]?.params.ts).toBe(posts[0]?.response.ts);
    expect(JSON.stringify(finals[0]?.params.blocks)).toContain("View queries");

    const store = createPostgresRunStore({ connectionString: databaseUrl });
    cleanup.push(() => store.close());
    const runs = await store.list({ threadId: `slack:CCRASH:${ts}` });
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run?.status).toBe("answered");
    // The rerun answered as of its own start, and its statement ran as a new job with that window, not the first attempt's.
    expect(run?.asOf).toBe(TEST_AS_OF.toISOString());
    expect(run?.queries[0]?.sql).toContain(`ts < ${sqlTimestamp(TEST_AS_OF)}`);
    expect(firstAttempt?.id).toBe(queryJobId(run?.id ?? "", 1, "q1"));
    expect((firstAttempt?.data as QueryJob).query.sql).not.toContain(sqlTimestamp(TEST_AS_OF));
    const rerun = await Job.fromId(queries, queryJobId(run?.id ?? "", 2, "q1"));
    expect((rerun?.data as QueryJob | undefined)?.query.sql).toBe(run?.queries[0]?.sql);
    expect(rerun?.returnvalue).toBeDefined();
  }, 120_000);
});
