import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import { deleteKeys } from "../../test/fixtures/delete-keys.js";
import { admitQuestion } from "./admit-question.js";
import { pendingKeys } from "./run-keys.js";
import { threadKey } from "./thread-key.js";

const redis = new Redis("redis://127.0.0.1:6379");
const prefix = `skiff-test-admit-${randomBytes(4).toString("hex")}`;
let seq = 0;

afterAll(async () => {
  await deleteKeys(prefix);
  await redis.quit();
});

function ask(user: string, dedupeKeys: readonly string[], perMinute = 10) {
  const job: AskJob = { runId: `r_admit${++seq}`, question: "q", asker: user, surface: "mention", channel: "C1", threadTs: `1.${seq}`, newThread: true, eventAt: 1 };
  return { job, admit: () => admitQuestion(redis, prefix, { user, dedupeKeys, perMinute, job }) };
}

describe("admitQuestion", () => {
  it("counts a new question in the asker's last minute, marks its ids seen for a day and records it pending with its AskJob", async () => {
    const first = ask("U1", ["event:Ev1", "msg:C1:1.1"]);
    expect(await first.admit()).toEqual({ kind: "admitted", countThisMinute: 1 });
    expect(await ask("U1", ["event:Ev2", "msg:C1:1.2"]).admit()).toEqual({ kind: "admitted", countThisMinute: 2 });
    expect(await redis.ttl(`${prefix}:seen:event:Ev1`)).toBeGreaterThan(86_000);
    expect(await redis.pttl(`${prefix}:rate:U1`)).toBeGreaterThan(59_000);
    const { pending, pendingAt } = pendingKeys(prefix);
    expect(JSON.parse((await redis.hget(pending, first.job.runId)) ?? "null")).toEqual(first.job);
    expect(Number(await redis.zscore(pendingAt, first.job.runId))).toBeGreaterThan(0);
    // Replies in the thread are follow-ups from now on.
    expect(await redis.exists(threadKey(prefix, "C1", first.job.threadTs))).toBe(1);
  });

  it("calls a question seen under any of its ids a duplicate, without counting or recording it", async () => {
    await ask("U2", ["event:Ev10", "msg:C1:2.1"]).admit();
    // Slack's retry of the same event, and the same message delivered as another event type.
    const retry = ask("U2", ["event:Ev10", "msg:C1:2.1"]);
    expect(await retry.admit()).toEqual({ kind: "duplicate" });
    expect(await ask("U2", ["event:Ev11", "msg:C1:2.1"]).admit()).toEqual({ kind: "duplicate" });
    // The duplicate still marked its new id, so a third delivery under it is caught too.
    expect(await ask("U2", ["event:Ev11"]).admit()).toEqual({ kind: "duplicate" });
    expect(await ask("U2", ["event:Ev12"]).admit()).toEqual({ kind: "admitted", countThisMinute: 2 });
    expect(await redis.hexists(pendingKeys(prefix).pending, retry.job.runId)).toBe(0);
  });

  it("turns away a question over the asker's limit without recording it, and does not count it against them", async () => {
    expect((await ask("U4", ["event:Ev30"], 2).admit()).kind).toBe("admitted");
    expect((await ask("U4", ["event:Ev31"], 2).admit()).kind).toBe("admitted");
    const third = ask("U4", ["event:Ev32"], 2);
    expect(await third.admit()).toEqual({ kind: "rate_limited", countThisMinute: 3 });
    expect(await redis.hexists(pendingKeys(prefix).pending, third.job.runId)).toBe(0);
    expect(await redis.zcard(`${prefix}:rate:U4`)).toBe(2);
  });

  it("fails (for the caller to tell the asker) when Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const { job } = ask("U3", ["event:Ev20"]);
    await expect(admitQuestion(down, prefix, { user: "U3", dedupeKeys: ["event:Ev20"], perMinute: 10, job })).rejects.toThrow();
    down.disconnect();
  });
});
