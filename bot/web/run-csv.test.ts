import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../shared/run-record.js";
import { runCsv } from "./run-csv.js";

function run(result: RunRecord["result"]): RunRecord {
  return { id: "r_csv", question: "q", asOf: "2025-11-30T00:00:00Z", createdAt: "2025-11-30T00:00:00Z", planner: "semantic", status: "answered", answer: "a", result, caveats: [], queries: [], plan: {}, durationMs: 1 };
}

describe("runCsv", () => {
  it("neutralises text cells a spreadsheet would run as formulas, header cells included", () => {
    const formulas = ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"];
    const csv = runCsv(run({ columns: ["=HYPERLINK(\"https://evil.example\")", "n"], rows: formulas.map((f, i) => [f, i]) }));
    expect(csv.split("\n")).toEqual([
      `"'=HYPERLINK(""https://evil.example"")",n`,
      "'=cmd|' /C calc'!A0,0",
      "'+1,1",
      "'-2+3,2",
      "'@SUM(A1),3",
      "'\tx,4",
      `"'\rx",5`,
      "",
    ]);
  });

  it("leaves numbers as numbers, negative ones too, and other text alone", () => {
    const csv = runCsv(run({ columns: ["a", "b", "c", "d"], rows: [[-5, "-9223372036854775808", "-1.25", "plain"], [0, "a=b", null, "x-y"]] }));
    expect(csv).toBe("a,b,c,d\n-5,-9223372036854775808,-1.25,plain\n0,a=b,,x-y\n");
  });
});
