import { describe, expect, it } from "vitest";
import { isSkiffError } from "../shared/errors.js";
import { parseAsOf } from "./parse-as-of.js";

describe("parseAsOf", () => {
  it("reads an instant, UTC when it names no zone", () => {
    expect(parseAsOf("2026-11-30T12:00:00Z")?.toISOString()).toBe("2026-11-30T12:00:00.000Z");
    expect(parseAsOf("2026-11-30T12:00:00+01:00")?.toISOString()).toBe("2026-11-30T11:00:00.000Z");
    expect(parseAsOf("2026-11-30T12:00")?.toISOString()).toBe("2026-11-30T12:00:00.000Z");
    expect(parseAsOf(undefined)).toBeUndefined();
  });

  it("reads a date alone as the end of that day, so today is the whole day", () => {
    expect(parseAsOf("2026-11-30")?.toISOString()).toBe("2026-11-30T23:59:59.999Z");
  });

  it("refuses anything else as bad input, saying what to write", () => {
    for (const text of ["garbage", "2026-02-30", "2026-11-30T25:00:00Z", "30/11/2026", "2026-11-30 12:00", ""]) {
      let error: unknown;
      try {
        parseAsOf(text);
      } catch (caught) {
        error = caught;
      }
      expect(isSkiffError(error, "CONFIG_INVALID"), text).toBe(true);
      expect((error as Error).message).toContain("write an ISO 8601 instant such as 2026-11-30T12:00:00Z, or a date such as 2026-11-30 (the end of that day, UTC)");
    }
  });
});
