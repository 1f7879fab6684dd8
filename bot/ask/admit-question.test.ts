import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import { deleteKeys } from "../../test/fixtures/delete-keys.js";
import { createStallingTcpProxy } from "../../test/fixtures/stalling-tcp-proxy.js";
import { admitQuestion, withdrawAdmission } from "./admit-question.js";
import type { AwaitingEcho } from "./pending-question.js";
import { pendingKeys } from "./run-keys.js";
import { threadKey } from "./thread-key.js";

const redis = new Redis("redis://127.0.0.1:6379");
const prefix = `skiff-test-admit-${randomBytes(4).toString("hex")}`;
let seq = 0;

afterAll(async () => {
  await deleteKeys(prefix);
  await redis.quit();
});

function ask(user: string, dedupeKeys: readonly string[], perMinute = 10, fields: Partial<AskJob> = {}) {
  const job: AskJob = { runId: `r_admit${++seq}`, question: "q", asker: user, surface: "mention", channel: "C1", threadTs: `1.${seq}`, newThread: true, eventAt: 1, ...fields };
  return { job, admit: (options: { onlyInSkiffThread?: boolean } = {}) => admitQuestion(redis, prefix, { user, dedupeKeys, perMinute, record: job, ...options }) };
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
    const original = ask("U2", ["event:Ev10", "msg:C1:2.1"]);
    await original.admit();
    // Slack's retry of the same event, and the same message delivered as another event type.
    const retry = ask("U2", ["event:Ev10", "msg:C1:2.1"]);
    expect(await retry.admit()).toEqual({ kind: "duplicate", pending: true });
    expect(await ask("U2", ["event:Ev11", "msg:C1:2.1"]).admit()).toEqual({ kind: "duplicate", pending: true });
    // The duplicate still marked its new id, so a third delivery under it is caught too.
    expect(await ask("U2", ["event:Ev11"]).admit()).toEqual({ kind: "duplicate", pending: true });
    expect(await ask("U2", ["event:Ev12"]).admit()).toEqual({ kind: "admitted", countThisMinute: 2 });
    expect(await redis.hexists(pendingKeys(prefix).pending, retry.job.runId)).toBe(0);
    // Once answered (off the pending list), a late redelivery is a plain duplicate.
    await redis.hdel(pendingKeys(prefix).pending, original.job.runId);
    expect(await ask("U2", ["event:Ev10"]).admit()).toEqual({ kind: "duplicate", pending: false });
  });

  it("takes a redelivery of an admitted, unacknowledged question as its pending duplicate, even with the asker at the limit", async () => {
    // The bot died between admission and the ack, so Slack delivers the question again.
    const original = ask("U5", ["event:Ev40", "msg:C1:5.1"], 1);
    expect((await original.admit()).kind).toBe("admitted");
    expect(await ask("U5", ["event:Ev40", "msg:C1:5.1"], 1).admit()).toEqual({ kind: "duplicate", pending: true });
    expect(await redis.zcard(`${prefix}:rate:U5`)).toBe(1);
    expect(JSON.parse((await redis.hget(pendingKeys(prefix).pending, original.job.runId)) ?? "null")).toEqual(original.job);
  });

  it("turns away a question over the asker's limit without recording it, and does not count it against them", async () => {
    expect((await ask("U4", ["event:Ev30"], 2).admit()).kind).toBe("admitted");
    expect((await ask("U4", ["event:Ev31"], 2).admit()).kind).toBe("admitted");
    const third = ask("U4", ["event:Ev32"], 2);
    expect(await third.admit()).toEqual({ kind: "rate_limited", countThisMinute: 3 });
    expect(await redis.hexists(pendingKeys(prefix).pending, third.job.runId)).toBe(0);
    expect(await redis.zcard(`${prefix}:rate:U4`)).toBe(2);
  });

  it("admits a reply only in a thread Skiff answers in, and marks nothing for one that is not", async () => {
    const stranger = ask("U6", ["event:Ev50", "msg:C1:6.2"], 10, { threadTs: "6.1", surface: "follow_up", newThread: false });
    expect(await stranger.admit({ onlyInSkiffThread: true })).toEqual({ kind: "not_ours" });
    expect(await redis.exists(`${prefix}:seen:event:Ev50`, `${prefix}:rate:U6`)).toBe(0);
    await redis.set(threadKey(prefix, "C1", "6.1"), "1");
    expect((await stranger.admit({ onlyInSkiffThread: true })).kind).toBe("admitted");
  });

  it("records an /ask question before its thread exists, marking no thread", async () => {
    const question: AwaitingEcho = { runId: `r_admit${++seq}`, question: "q", asker: "U7", surface: "slash", channel: "C7", newThread: true, eventAt: 1, awaiting: "echo" };
    expect((await admitQuestion(redis, prefix, { user: "U7", dedupeKeys: ["cmd:T7"], perMinute: 10, record: question })).kind).toBe("admitted");
    expect(JSON.parse((await redis.hget(pendingKeys(prefix).pending, question.runId)) ?? "null")).toEqual(question);
    expect(await redis.keys(`${prefix}:thread:C7:*`)).toEqual([]);
  });

  it("fails (for the caller to tell the asker) when Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const { job } = ask("U3", ["event:Ev20"]);
    await expect(admitQuestion(down, prefix, { user: "U3", dedupeKeys: ["event:Ev20"], perMinute: 10, record: job })).rejects.toThrow();
    down.disconnect();
  });

  it("gives up on a Redis that does not answer after its timeout", async () => {
    const proxy = await createStallingTcpProxy({ host: "127.0.0.1", port: 6379 });
    const stalled = new Redis({ host: "127.0.0.1", port: proxy.port, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    try {
      await new Promise((resolve) => stalled.once("ready", resolve));
      proxy.stall();
      const { job } = ask("U8", ["event:Ev60"]);
      const started = Date.now();
      await expect(admitQuestion(stalled, prefix, { user: "U8", dedupeKeys: ["event:Ev60"], perMinute: 10, record: job }, { timeoutMs: 200 })).rejects.toThrow(/within 200 ms/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      stalled.disconnect();
      await proxy.close();
    }
  });

  it("withdraws only its own admission, and gives the asker their place in the minute back", async () => {
    const question = ask("U9", ["event:Ev70"]);
    await question.admit();
    // Another delivery's record (another eventAt) under the same run is not this admission's to undo.
    expect(await withdrawAdmission(redis, prefix, { user: "U9", record: { ...question.job, eventAt: 2 } })).toBe(false);
    expect(await withdrawAdmission(redis, prefix, { user: "U9", record: question.job })).toBe(true);
    expect(await redis.hexists(pendingKeys(prefix).pending, question.job.runId)).toBe(0);
    expect(await redis.zscore(pendingKeys(prefix).pendingAt, question.job.runId)).toBeNull();
    expect(await redis.zcard(`${prefix}:rate:U9`)).toBe(0);
  });
});
