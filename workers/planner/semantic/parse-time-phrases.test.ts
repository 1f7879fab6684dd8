import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize-words.js";
import { parseTimePhrases } from "./parse-time-phrases.js";

const asOf = new Date("2026-11-30T12:00:00Z"); // a Monday
const read = (question: string) => parseTimePhrases(normalizeText(question), asOf);
const iso = (d: Date | undefined) => d?.toISOString();

describe("parseTimePhrases", () => {
  it.each([
    ["requests today", "2026-11-30T00:00:00.000Z", "2026-11-30T12:00:00.000Z", "today"],
    ["requests yesterday", "2026-11-29T00:00:00.000Z", "2026-11-30T00:00:00.000Z", "yesterday"],
    ["requests in the last 7 days", "2026-11-23T12:00:00.000Z", "2026-11-30T12:00:00.000Z", "in the last 7 days"],
    ["bandwidth for the past 24 hours", "2026-11-29T12:00:00.000Z", "2026-11-30T12:00:00.000Z", "in the last 24 hours"],
    ["requests over the last two weeks", "2026-11-16T12:00:00.000Z", "2026-11-30T12:00:00.000Z", "in the last 2 weeks"],
    ["signups this week", "2026-11-30T00:00:00.000Z", "2026-11-30T12:00:00.000Z", "this week"],
    ["signups last week", "2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z", "last week"],
    ["accounts this month", "2026-11-01T00:00:00.000Z", "2026-11-30T12:00:00.000Z", "this month"],
    ["accounts last month", "2026-10-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z", "last month"],
    ["cost month to date", "2026-11-01T00:00:00.000Z", "2026-11-30T12:00:00.000Z", "this month"],
    ["requests since 2026-11-20", "2026-11-20T00:00:00.000Z", "2026-11-30T12:00:00.000Z", "since 2026-11-20"],
    ["requests between Nov 3 and Nov 5", "2026-11-03T00:00:00.000Z", "2026-11-06T00:00:00.000Z", "from 2026-11-03 to 2026-11-05"],
    ["requests on 2026-11-02", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z", "on 2026-11-02"],
    ["cost in October", "2026-10-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z", "in 2026-10"],
  ])("%s", (question, start, end, label) => {
    const { range } = read(question);
    expect(iso(range?.window.start)).toBe(start);
    expect(iso(range?.window.end)).toBe(end);
    expect(range?.label).toBe(label);
  });

  it("takes the phrase out of the text it returns", () => {
    expect(read("Top 10 countries by requests in the last 7 days").rest).toBe("top 10 countries by requests in the");
  });

  it("reads a comparison as the period just before, not as the main range", () => {
    const parsed = read("top 5 accounts by cost in the last 30 days and the change versus the previous 30 days");
    expect(iso(parsed.range?.window.start)).toBe("2026-10-31T12:00:00.000Z");
    expect(iso(parsed.compare?.window.start)).toBe("2026-10-01T12:00:00.000Z");
    expect(iso(parsed.compare?.window.end)).toBe("2026-10-31T12:00:00.000Z");
  });

  it("compares calendar periods by shifting a whole unit", () => {
    const parsed = read("new accounts this month vs the previous month");
    expect(iso(parsed.compare?.window.start)).toBe("2026-10-01T00:00:00.000Z");
    expect(iso(parsed.compare?.window.end)).toBe("2026-10-30T12:00:00.000Z");
  });

  it.each([
    ["signups each day this week", "day"],
    ["daily requests", "day"],
    ["requests per hour today", "hour"],
    ["cost by month this year", "month"],
  ])("reads the grain of %s", (question, grain) => {
    expect(read(question).grain).toBe(grain);
  });

  it("leaves a question without a time phrase alone", () => {
    const parsed = read("top 10 countries by requests");
    expect(parsed.range).toBeUndefined();
    expect(parsed.rest).toBe("top 10 countries by requests");
  });
});
