import { describe, expect, it } from "vitest";
import { formatChange, formatValue } from "./format-value.js";

describe("formatValue", () => {
  it.each([
    [1234567, "count", "1,234,567"],
    ["9007199254740993", "count", "9,007,199,254,740,992"],
    [999, "bytes", "999 B"],
    [15_317_470_569, "bytes", "15.3 GB"],
    [1234.5, "usd", "$1,234.50"],
    [0.6372, "percent", "63.7%"],
    [2.345678, "number", "2.35"],
    [null, "count", "no data"],
  ] as const)("%j as %s is %s", (cell, unit, text) => {
    expect(formatValue(cell, unit)).toBe(text);
  });
});

describe("formatChange", () => {
  it.each([
    [115, 100, "+15.0%"],
    [60, 100, "−40.0%"],
    [5, 0, "new"],
    [0, 0, "no change"],
  ])("%d against %d is %s", (now, before, text) => {
    expect(formatChange(now, before)).toBe(text);
  });
});
