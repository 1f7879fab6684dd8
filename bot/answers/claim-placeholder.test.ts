import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteKeys } from "../../test/fixtures/delete-keys.js";
import { runKeys } from "../ask/run-keys.js";
import { claimPlaceholder } from "./claim-placeholder.js";

const redis = new Redis("redis://127.0.0.1:6379");
const prefix = `skiff-test-claim-${randomBytes(4).toString("hex")}`;
const keysFor = (run: string) => runKeys(prefix, run);

afterAll(async () => {
  await deleteKeys(prefix);
  await redis.quit();
});

describe("claimPlaceholder", () => {
  it("locks a run's placeholder, and a release without an answer leaves it open for the next update", async () => {
    const keys = keysFor("r1");
    const claim = await claimPlaceholder(redis, keys);
    if (claim === "answered") throw new Error("expected a claim");
    expect(await redis.pttl(keys.lock)).toBeGreaterThan(0);
    await claim.release();
    expect(await redis.exists(keys.lock, keys.answered)).toBe(0);
  });

  it("says answered once the final answer is in, so later updates leave the thread alone", async () => {
    const keys = keysFor("r2");
    const claim = await claimPlaceholder(redis, keys);
    if (claim === "answered") throw new Error("expected a claim");
    await claim.release({ answeredTtlSeconds: 3_600 });
    expect(await redis.ttl(keys.answered)).toBeGreaterThan(3_000);
    expect(await claimPlaceholder(redis, keys)).toBe("answered");
  });

  it("waits while another update holds the lock, then takes it", async () => {
    const keys = keysFor("r3");
    const first = await claimPlaceholder(redis, keys);
    if (first === "answered") throw new Error("expected a claim");
    let secondHasIt = false;
    const second = claimPlaceholder(redis, keys).then((claim) => {
      secondHasIt = true;
      return claim;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(secondHasIt).toBe(false);
    await first.release({ answeredTtlSeconds: 3_600 });
    // The first update was the final answer: the waiting progress update must not overwrite it.
    expect(await second).toBe("answered");
  });

  it("never releases a lock that lapsed and was taken by someone else", async () => {
    const keys = keysFor("r4");
    const stale = await claimPlaceholder(redis, keys, { ttlMs: 20 });
    if (stale === "answered") throw new Error("expected a claim");
    await new Promise((resolve) => setTimeout(resolve, 40));
    const fresh = await claimPlaceholder(redis, keys);
    if (fresh === "answered") throw new Error("expected a claim");
    await stale.release();
    expect(await redis.exists(keys.lock)).toBe(1);
    await fresh.release();
    expect(await redis.exists(keys.lock)).toBe(0);
  });

  it("records the placeholder a claim posted, and hands its ts to the next claim", async () => {
    const keys = keysFor("r6");
    const first = await claimPlaceholder(redis, keys);
    if (first === "answered") throw new Error("expected a claim");
    expect(first.placeholderTs).toBeUndefined();
    await first.release({ placeholderTs: "1764500000.000001" });
    const second = await claimPlaceholder(redis, keys);
    if (second === "answered") throw new Error("expected a claim");
    expect(second.placeholderTs).toBe("1764500000.000001");
    await second.release();
  });

  it("takes an answered question off the pending list in the same round trip", async () => {
    const keys = keysFor("r7");
    await redis.hset(keys.pending, "r7", "{}");
    await redis.zadd(keys.pendingAt, 1, "r7");
    const claim = await claimPlaceholder(redis, keys);
    if (claim === "answered") throw new Error("expected a claim");
    await claim.release({ answeredTtlSeconds: 60 });
    expect(await redis.hexists(keys.pending, "r7")).toBe(0);
    expect(await redis.zscore(keys.pendingAt, "r7")).toBeNull();
  });

  it("gives up when the lock is held for longer than it may wait", async () => {
    const keys = keysFor("r5");
    await redis.set(keys.lock, "someone-else", "PX", 5_000);
    await expect(claimPlaceholder(redis, keys, { waitMs: 50 })).rejects.toThrow(/held .* for too long/);
  });
});
