import { Queue, QueueEvents, Worker, type Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import type { QueryJob, QueryJobResult } from "../../shared/jobs/query-job.js";
import { deleteKeys } from "../../test/fixtures/delete-keys.js";
import { uniquePrefix } from "../../test/fixtures/slack-stack.js";
import { createQueueRunEngine, queryJobId } from "./create-queue-run-engine.js";

const connection = { host: "127.0.0.1", port: 6379 };
const prefix = uniquePrefix("queue-engine");
const cleanup: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  await deleteKeys(prefix);
});

describe("createQueueRunEngine", () => {
  it("sends a retried run's statements as new jobs, so the retry's SQL is what runs", async () => {
    const queue = new Queue("queries-analytics", { connection, prefix });
    const events = new QueueEvents("queries-analytics", { connection, prefix });
    // A query worker that reports back the statement it was given.
    const worker = new Worker(
      "queries-analytics",
      (job: Job<QueryJob>): Promise<QueryJobResult> =>
        Promise.resolve({
          tables: [],
          caveats: [],
          record: { id: job.data.query.id, source: job.data.query.source, sql: job.data.query.sql, purpose: job.data.query.purpose, rows: 0, ms: 1, truncated: false },
        }),
      { connection, prefix },
    );
    cleanup.push(() => worker.close(), () => events.close(), () => queue.close());
    await events.waitUntilReady();
    const lanes = new Map([["analytics", { queue, events }]]);
    const attempt = (n: number, sql: string) =>
      createQueueRunEngine({ lanes, openScratch: () => Promise.reject(new Error("unused")), runId: "r_retry", attempt: n, deadlineAt: Date.now() + 20_000, jobOptions: {} }).runAll([
        { id: "q1", source: "analytics", sql, purpose: "requests today" },
      ]);

    const [first] = await attempt(1, "SELECT 1 AS as_of_20_00_05");
    const [second] = await attempt(2, "SELECT 2 AS as_of_20_02_40");

    expect(first?.record.sql).toBe("SELECT 1 AS as_of_20_00_05");
    expect(second?.record.sql).toBe("SELECT 2 AS as_of_20_02_40");
    const jobs = await Promise.all([1, 2].map((n) => queue.getJob(queryJobId("r_retry", n, "q1"))));
    expect(jobs.map((job) => (job?.data as QueryJob | undefined)?.query.sql)).toEqual(["SELECT 1 AS as_of_20_00_05", "SELECT 2 AS as_of_20_02_40"]);
  });
});
