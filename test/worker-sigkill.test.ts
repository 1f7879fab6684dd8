import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Job, Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadQueueConfig } from "../shared/config-queues.js";
import type { QueryJob, QueryJobResult } from "../shared/jobs/query-job.js";
import { queueNames } from "../shared/jobs/queue-names.js";
import { queryJobId } from "../workers/queues/create-queue-run-engine.js";
import { deleteKeys } from "./fixtures/delete-keys.js";
import { createPostgresTestDatabase } from "./fixtures/postgres-test-database.js";
import { uniquePrefix } from "./fixtures/slack-stack.js";
import { spawnRole } from "./fixtures/spawn-role.js";
import { tempCatalogs } from "./fixtures/temp-catalog.js";

const connection = { host: "127.0.0.1", port: 6379 };
const writeCatalog = tempCatalogs();
const cleanup: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

const catalog = {
  "sources.yaml": `sources:
  - name: slow
    kind: postgres
    description: A database whose one table the test keeps locked, so a statement on it runs for as long as the test wants.
    connection: { url: "\${SIGKILL_PG_URL}" }
tables:
  - name: items
    source: slow
    physical: slow.items
    description: Three items.
    owner: "#tests"
    grain: one row per item
    columns:
      - { name: item_id, type: BIGINT, description: Item id. }
`,
};

/**
 * Resolves once the job has run for `ms` and its lock was renewed on the way (its time to live went up),
 * checking every 100 ms that the lock never lapsed.
 */
async function outlives(redis: Redis, key: string, since: number, ms: number): Promise<number> {
  let renewals = 0;
  let last = await redis.pttl(key);
  while (Date.now() - since < ms || renewals === 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ttl = await redis.pttl(key);
    if (ttl <= 0) throw new Error(`the job's lock ${key} lapsed (${ttl}) while its worker was alive: lock renewal fell behind`);
    if (ttl > last) renewals += 1;
    last = ttl;
  }
  return renewals;
}

describe("a query worker killed mid-job", () => {
  it("holds a long job's lock while it lives, and another worker completes the job within seconds of its SIGKILL", async () => {
    const defaults = loadQueueConfig({});
    const database = await createPostgresTestDatabase("skiff_sigkill");
    cleanup.push(() => database.drop());
    await database.exec("CREATE SCHEMA slow; CREATE TABLE slow.items (item_id BIGINT); INSERT INTO slow.items VALUES (1), (2), (3)");
    const prefix = uniquePrefix("sigkill");
    cleanup.push(() => deleteKeys(prefix));
    // Production lock settings (nothing overridden): the figures below are what an install gets.
    const env = {
      SKIFF_HOME: await mkdtemp(join(tmpdir(), "skiff-sigkill-")),
      SKIFF_CATALOG: await writeCatalog(catalog),
      SIGKILL_PG_URL: database.url,
      REDIS_URL: "redis://127.0.0.1:6379",
      SKIFF_QUEUE_PREFIX: prefix,
      SKIFF_LOG_LEVEL: "silent",
      SKIFF_QUERY_TIMEOUT_MS: "120000",
    };

    // An open transaction holds the table: the worker's statement waits on it, a real query that runs long.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    cleanup.push(() => blocker.end());
    await blocker.query("BEGIN; LOCK TABLE slow.items IN ACCESS EXCLUSIVE MODE");

    const doomed = await spawnRole("query", env);
    cleanup.push(() => doomed.kill());
    console.log(`query role ready ${doomed.readyMs} ms after spawn (node dist/cli/serve.js query)`);

    const name = queueNames.queries("slow");
    const queue = new Queue(name, { connection, prefix });
    const events = new QueueEvents(name, { connection, prefix });
    const redis = new Redis(connection);
    cleanup.push(() => queue.close(), () => events.close(), () => Promise.resolve(redis.disconnect()));
    await events.waitUntilReady();
    const stalled: string[] = [];
    events.on("stalled", ({ jobId }) => void stalled.push(jobId));
    const active = new Promise<void>((resolve) => events.on("active", () => resolve()));
    let completedAt: number | undefined;
    const completed = new Promise<void>((resolve) =>
      events.on("completed", () => {
        completedAt = Date.now();
        resolve();
      }),
    );

    const id = queryJobId("r_sigkill", 1, "q1");
    const data: QueryJob = { runId: "r_sigkill", query: { id: "q1", source: "slow", sql: "SELECT count(*) AS items FROM slow.items", purpose: "count items" }, deadlineAt: Date.now() + 120_000 };
    await queue.add("query", data, { jobId: id });
    await active;
    // Another worker runs before the kill, as in production; it must leave the live worker's job alone.
    const rescuer = await spawnRole("query", env);
    cleanup.push(() => rescuer.kill());
    console.log(`second query role ready ${rescuer.readyMs} ms after spawn`);

    // The job outlives its lock twice over: renewals keep it with its worker, and no stalled check takes it.
    const processedOn = (await Job.fromId(queue, id))?.processedOn ?? Date.now();
    const renewals = await outlives(redis, `${prefix}:${name}:${id}:lock`, processedOn, 2 * defaults.lockDurationMs);
    console.log(`a live worker kept its job for ${Date.now() - processedOn} ms (${renewals} renewals of its ${defaults.lockDurationMs} ms lock); stalled: ${stalled.length}`);
    expect(stalled).toEqual([]);
    expect(await queue.getJobState(id)).toBe("active");

    await doomed.kill();
    const killedAt = Date.now();
    // From here the statement can finish at once, so what is measured is how soon the job finds a new worker.
    await blocker.query("COMMIT");
    await completed;
    const recoveryMs = (completedAt ?? Date.now()) - killedAt;
    console.log(
      `job completed by another worker ${recoveryMs} ms after SIGKILL (lock ${defaults.lockDurationMs} ms, stalled check ${defaults.stalledIntervalMs} ms: at most ${defaults.lockDurationMs + defaults.stalledIntervalMs} ms)`,
    );
    expect(recoveryMs).toBeLessThan(20_000);

    expect(stalled).toEqual([id]);
    const job = await Job.fromId<QueryJob, QueryJobResult>(queue, id);
    expect(job?.attemptsStarted).toBe(2);
    expect(job?.returnvalue.error).toBeUndefined();
    expect(job?.returnvalue.result?.rows).toEqual([[3]]);
  }, 120_000);
});
