import { describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/logger.js";
import { createAfterAck } from "./create-after-ack.js";

describe("createAfterAck", () => {
  it("starts work only once the scheduling code has returned, and drain waits for all of it, work started meanwhile included", async () => {
    const afterAck = createAfterAck({ logger: silentLogger });
    const order: string[] = [];
    let finish: () => void = () => undefined;
    afterAck.run("first", async () => {
      order.push("first started");
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      afterAck.run("second", () => Promise.resolve(order.push("second")));
    });
    order.push("listener returned");
    await Promise.resolve();
    expect(order).toEqual(["listener returned"]);
    const drained = afterAck.drain().then(() => order.push("drained"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(afterAck.inFlight).toBe(1);
    finish();
    await drained;
    expect(order).toEqual(["listener returned", "first started", "second", "drained"]);
    expect(afterAck.inFlight).toBe(0);
  });

  it("logs a failure instead of leaving a rejection floating", async () => {
    const errors: unknown[] = [];
    const afterAck = createAfterAck({ logger: silentLogger, onError: (error) => errors.push(error) });
    afterAck.run("fails", () => Promise.reject(new Error("Slack is down")));
    await afterAck.drain();
    expect(errors).toEqual([new Error("Slack is down")]);
  });
});
