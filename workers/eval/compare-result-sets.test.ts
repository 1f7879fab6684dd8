import { describe, expect, it } from "vitest";
import { compareResultSets } from "./compare-result-sets.js";

describe("compareResultSets", () => {
  it("ignores row order unless ordered, and column names always", () => {
    expect(compareResultSets([["b", 2], ["a", 1]], [["a", 1], ["b", 2]], { ordered: false })).toEqual({ match: true });
    expect(compareResultSets([["b", 2], ["a", 1]], [["a", 1], ["b", 2]], { ordered: true }).match).toBe(false);
  });

  it("matches columns by values, in any order, with extra columns allowed", () => {
    expect(compareResultSets([[1, "a.com", 10], [2, "b.com", 5]], [[10, 1], [5, 2]], { ordered: true })).toEqual({ match: true });
    expect(compareResultSets([[1, 10]], [[1, 10, "x"]], { ordered: false })).toMatchObject({ match: false, reason: "2 columns, expected at least 3" });
  });

  it("keeps rows together: the right values in the wrong rows do not match", () => {
    expect(compareResultSets([["a", 2], ["b", 1]], [["a", 1], ["b", 2]], { ordered: false }).match).toBe(false);
  });

  it("compares numbers with a tolerance and reads numeric strings as numbers", () => {
    expect(compareResultSets([[0.30000000000000004]], [[0.3]], { ordered: false }).match).toBe(true);
    expect(compareResultSets([["123456789012"]], [[123456789012]], { ordered: false }).match).toBe(true);
    expect(compareResultSets([[101]], [[100]], { ordered: false }).match).toBe(false);
    expect(compareResultSets([[101]], [[100]], { ordered: false, tolerance: 0.02 }).match).toBe(true);
  });

  it("counts rows", () => {
    expect(compareResultSets([[1]], [[1], [2]], { ordered: false })).toEqual({ match: false, reason: "1 rows, expected 2" });
    expect(compareResultSets([], [], { ordered: false })).toEqual({ match: true });
  });
});

describe("compareResultSets on days", () => {
  it("reads a midnight instant and a date as the same day", () => {
    expect(compareResultSets([["2026-11-23T00:00:00.000Z", 1]], [["2026-11-23", 1]], { ordered: false }).match).toBe(true);
    expect(compareResultSets([["2026-11-23T01:00:00.000Z", 1]], [["2026-11-23", 1]], { ordered: false }).match).toBe(false);
  });
});
