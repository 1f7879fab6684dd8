import { describe, expect, it } from "vitest";
import { SkiffError } from "../shared/errors.js";
import { createLogger } from "../shared/logger.js";
import { isExpectedFailure } from "./create-cli-logger.js";

function capture(level: "warn" | "debug") {
  const lines: { level: number; msg: string }[] = [];
  const logger = createLogger({ level, pretty: false, demote: isExpectedFailure, destination: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } });
  return { logger, lines };
}

describe("a command's logger", () => {
  it("writes expected failures at debug, so the command's own one-line message stands alone", () => {
    const { logger, lines } = capture("warn");
    logger.warn({ query: "q1", code: "SQL_REJECTED", message: "rejected (read-only)" }, "query did not run to completion");
    logger.child({ run: "r_1" }).error({ err: new SkiffError("SOURCE_UNAVAILABLE", "no DuckDB file") }, "run failed");
    logger.warn({ err: new SkiffError("SOURCE_UNAVAILABLE", "could not open") }, "freshness check failed");
    expect(lines).toEqual([]);

    const verbose = capture("debug");
    verbose.logger.warn({ code: "SQL_REJECTED" }, "query did not run to completion");
    expect(verbose.lines.map((line) => [line.level, line.msg])).toEqual([[20, "query did not run to completion"]]);
  });

  it("keeps internal errors and anything that is not a SkiffError at their level", () => {
    const { logger, lines } = capture("warn");
    logger.error({ err: new SkiffError("INTERNAL", "a bug") }, "run failed");
    logger.error({ err: new Error("boom") }, "run failed");
    logger.warn({ code: "ECONNREFUSED" }, "odd");
    logger.warn("plain");
    expect(lines.map((line) => line.level)).toEqual([50, 50, 40, 40]);
  });
});
