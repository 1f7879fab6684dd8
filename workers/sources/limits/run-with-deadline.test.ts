import { describe, expect, it } from "vitest";
import { isSkiffError } from "../../../shared/errors.js";
import { runWithDeadline } from "./run-with-deadline.js";

const never = () => new Promise<never>(() => undefined);

describe("runWithDeadline", () => {
  it("asks the engine to stop at the timeout, and gives up the grace later when it does not", async () => {
    const events: string[] = [];
    const started = performance.now();
    const error: unknown = await runWithDeadline(
      { source: "hung", timeoutMs: 100, graceMs: 200, interrupt: (reason) => events.push(`interrupt ${reason.code}`), abandon: () => events.push("abandon") },
      never,
    ).catch((e: unknown) => e);
    expect(isSkiffError(error, "QUERY_TIMEOUT")).toBe(true);
    expect((error as Error).message).toMatch(/^hung did not answer within 0\.3 s/);
    expect(events).toEqual(["interrupt QUERY_TIMEOUT", "abandon"]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("passes on what the work settles with before the deadline, and what it does after is heard by no one", async () => {
    let abandoned = 0;
    const options = { source: "s", timeoutMs: 1_000, interrupt: () => undefined, abandon: () => (abandoned += 1) };
    expect(await runWithDeadline(options, () => Promise.resolve(42))).toBe(42);
    await expect(runWithDeadline(options, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(abandoned).toBe(0);
  });

  it("a cancel gives up after the grace with the caller's reason", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("the run's deadline passed")), 50);
    const error: unknown = await runWithDeadline({ source: "s", timeoutMs: 60_000, graceMs: 100, signal: controller.signal, interrupt: () => undefined, abandon: () => undefined }, never).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe("the query on s was cancelled: the run's deadline passed");
  });
});
