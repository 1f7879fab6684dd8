import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

describe("createLogger", () => {
  it("masks PII-shaped values in every line and keeps server addresses", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", pretty: false, destination: { write: (line: string) => void lines.push(line) } });
    logger.warn(
      { question: "which plan is mateo@example.com on? he called from +44 20 7946 0958", err: new Error("client 203.0.113.7 rejected"), servers: ["127.0.0.1:5432"] },
      "asked by ana@example.org",
    );
    const line = lines.join("");
    expect(line).not.toMatch(/mateo@|ana@|7946|203\.0\.113\.7/);
    const logged = JSON.parse(line) as { question: string; msg: string; err: { message: string }; servers: string[] };
    expect(logged.question).toBe("which plan is [email] on? he called from [phone]");
    expect(logged.msg).toBe("asked by [email]");
    expect(logged.err.message).toBe("client [ip_address] rejected");
    expect(logged.servers).toEqual(["127.0.0.1:5432"]);
  });
});
