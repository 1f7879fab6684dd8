import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteKeys } from "../../test/fixtures/delete-keys.js";
import { admitQuestion } from "./admit-question.js";

const redis = new Redis("redis://127.0.0.1:6379");
const prefix = `skiff-test-admit-${randomBytes(4).toString("hex")}`;

afterAll(async () => {
  await deleteKeys(prefix);
  await redis.quit();
});

describe("admitQuestion", () => {
  it("counts a new question against the asker's minute and marks its ids seen for a day", async () => {
    expect(await admitQuestion(redis, prefix, { user: "U1", dedupeKeys: ["event:Ev1", "msg:C1:1.1"] })).toEqual({ kind: "counted", countThisMinute: 1 });
    expect(await admitQuestion(redis, prefix, { user: "U1", dedupeKeys: ["event:Ev2", "msg:C1:1.2"] })).toEqual({ kind: "counted", countThisMinute: 2 });
    const seenTtl = await redis.ttl(`${prefix}:seen:event:Ev1`);
    expect(seenTtl).toBeGreaterThan(86_000);
    const [rateKey] = await redis.keys(`${prefix}:rate:U1:*`);
    expect(await redis.ttl(rateKey ?? "missing")).toBeGreaterThan(60);
  });

  it("calls a question seen under any of its ids a duplicate, without counting it", async () => {
    await admitQuestion(redis, prefix, { user: "U2", dedupeKeys: ["event:Ev10", "msg:C1:2.1"] });
    // Slack's retry of the same event, and the same message delivered as another event type.
    expect(await admitQuestion(redis, prefix, { user: "U2", dedupeKeys: ["event:Ev10", "msg:C1:2.1"] })).toEqual({ kind: "duplicate" });
    expect(await admitQuestion(redis, prefix, { user: "U2", dedupeKeys: ["event:Ev11", "msg:C1:2.1"] })).toEqual({ kind: "duplicate" });
    // The duplicate still marked its new id, so a third delivery under it is caught too.
    expect(await admitQuestion(redis, prefix, { user: "U2", dedupeKeys: ["event:Ev11"] })).toEqual({ kind: "duplicate" });
    expect(await admitQuestion(redis, prefix, { user: "U2", dedupeKeys: ["event:Ev12"] })).toEqual({ kind: "counted", countThisMinute: 2 });
  });

  it("fails (for the caller to tell the asker) when Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    await expect(admitQuestion(down, prefix, { user: "U3", dedupeKeys: ["event:Ev20"] })).rejects.toThrow();
    down.disconnect();
  });
});
