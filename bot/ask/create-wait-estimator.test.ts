import { describe, expect, it } from "vitest";
import { createWaitEstimator } from "./create-wait-estimator.js";

describe("createWaitEstimator", () => {
  it("counts the questions ahead (the count includes the asker's own) and is busy only past the patience", async () => {
    let waiting = 1;
    const estimator = createWaitEstimator({ waitingCount: () => Promise.resolve(waiting), slots: 4, maxWaitMs: 20_000, cacheMs: 0 });
    expect(await estimator.estimate()).toEqual({ ahead: 0, expectMs: 5_000, busy: false });
    waiting = 41;
    // 40 ahead over 4 slots: 10 answers of 5 s before this one starts, plus its own.
    expect(await estimator.estimate()).toEqual({ ahead: 40, expectMs: 55_000, busy: true });
  });

  it("follows the answer times it observes with a moving average", async () => {
    const estimator = createWaitEstimator({ waitingCount: () => Promise.resolve(11), slots: 10, maxWaitMs: 20_000, cacheMs: 0, initialAnswerMs: 1_000 });
    expect((await estimator.estimate()).busy).toBe(false);
    for (let i = 0; i < 30; i++) estimator.observe(15_000);
    const slow = await estimator.estimate();
    expect(slow.expectMs).toBeGreaterThan(20_000);
    expect(slow.busy).toBe(true);
  });

  it("reads the depth at most once per cache period, sharing one read, and counts its own enqueues meanwhile", async () => {
    let reads = 0;
    const estimator = createWaitEstimator({ waitingCount: () => Promise.resolve(++reads && 3), slots: 1, maxWaitMs: 1_000, cacheMs: 60_000 });
    const [a, b] = await Promise.all([estimator.estimate(), estimator.estimate()]);
    expect(reads).toBe(1);
    expect(a.ahead).toBe(2);
    expect(b.ahead).toBe(2);
    estimator.enqueued();
    expect((await estimator.estimate()).ahead).toBe(3);
    expect(reads).toBe(1);
  });

  it("is never busy when the depth cannot be read", async () => {
    const estimator = createWaitEstimator({ waitingCount: () => Promise.reject(new Error("Redis is away")), slots: 1, maxWaitMs: 1 });
    expect(await estimator.estimate()).toMatchObject({ ahead: 0, busy: false });
  });
});
