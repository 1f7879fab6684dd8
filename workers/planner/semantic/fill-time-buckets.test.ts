import { describe, expect, it } from "vitest";
import { fillTimeBuckets } from "./fill-time-buckets.js";

describe("fillTimeBuckets", () => {
  const week = { start: new Date("2026-11-23T00:00:00Z"), end: new Date("2026-11-26T00:00:00Z") };

  it("puts a zero where a day had nothing", () => {
    const filled = fillTimeBuckets(
      { columns: ["day", "new_zones"], rows: [["2026-11-23T00:00:00.000Z", 3], ["2026-11-25T00:00:00.000Z", 5]] },
      "day",
      week,
      "new_zones",
    );
    expect(filled.rows).toEqual([
      ["2026-11-23T00:00:00.000Z", 3],
      ["2026-11-24T00:00:00.000Z", 0],
      ["2026-11-25T00:00:00.000Z", 5],
    ]);
  });

  it("keeps a date column's date-only cells", () => {
    const filled = fillTimeBuckets({ columns: ["day", "cost"], rows: [["2026-11-24", 1.5]] }, "day", week, "cost");
    expect(filled.rows).toEqual([["2026-11-23", 0], ["2026-11-24", 1.5], ["2026-11-25", 0]]);
  });

  it("leaves a result alone when it has no such columns", () => {
    const result = { columns: ["country", "requests"], rows: [["US", 1]] };
    expect(fillTimeBuckets(result, "day", week, "requests")).toBe(result);
  });
});
