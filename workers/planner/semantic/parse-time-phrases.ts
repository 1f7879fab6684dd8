import * as chrono from "chrono-node";
import type { TimeWindow } from "../../engine/planned-query.js";
import type { TimeGrain } from "../../sql/time-grain.js";
import {
  addUtcDays,
  addUtcMonths,
  formatUtcDate,
  startOfUtcDay,
  startOfUtcMonth,
  startOfUtcWeek,
  startOfUtcYear,
} from "./utc-calendar.js";

type Unit = "hour" | "day" | "week" | "month" | "year";

/** A time range read from a question, with how it was read. */
export interface TimeRange {
  window: TimeWindow;
  /** Words for the answer: "today", "in the last 7 days". */
  label: string;
  /** rolling: N units back from now; calendar: a named period (this month); explicit: dates given. */
  kind: "rolling" | "calendar" | "explicit";
  unit: Unit;
  count: number;
}

export interface TimePhrases {
  range?: TimeRange;
  /** The question asks for a change against the period before `range`. */
  compare?: TimeRange;
  grain?: TimeGrain;
  /** The text with every time phrase taken out. */
  rest: string;
}

const unitPattern = "(hours?|days?|weeks?|months?|years?)";
const singular = (unit: string): Unit => unit.replace(/s$/, "") as Unit;

function shift(at: Date, unit: Unit, count: number): Date {
  switch (unit) {
    case "hour":
      return new Date(at.getTime() + count * 3_600_000);
    case "day":
      return addUtcDays(at, count);
    case "week":
      return addUtcDays(at, 7 * count);
    case "month":
      return addUtcMonths(at, count);
    case "year":
      return addUtcMonths(at, 12 * count);
  }
}

function rolling(asOf: Date, unit: Unit, count: number): TimeRange {
  const label = count === 1 ? `in the last ${unit}` : `in the last ${count} ${unit}s`;
  return { window: { start: shift(asOf, unit, -count), end: asOf }, label, kind: "rolling", unit, count };
}

function calendar(asOf: Date, which: "this" | "last", unit: "day" | "week" | "month" | "year"): TimeRange {
  const startOf = { day: startOfUtcDay, week: startOfUtcWeek, month: startOfUtcMonth, year: startOfUtcYear }[unit];
  const current = startOf(asOf);
  const window = which === "this" ? { start: current, end: asOf } : { start: shift(current, unit, -1), end: current };
  const label = unit === "day" ? (which === "this" ? "today" : "yesterday") : `${which} ${unit}`;
  return { window, label, kind: "calendar", unit, count: 1 };
}

/** The period just before `range`, of the same length (calendar periods shift by their unit). */
export function previousPeriod(range: TimeRange): TimeRange {
  const { start, end } = range.window;
  const window =
    range.kind === "rolling" || range.kind === "calendar"
      ? { start: shift(start, range.unit, -range.count), end: shift(end, range.unit, -range.count) }
      : { start: new Date(2 * start.getTime() - end.getTime()), end: start };
  return { ...range, window, label: "the previous period" };
}

function utcDay(component: chrono.ParsedComponents): Date {
  return new Date(Date.UTC(component.get("year") ?? 1970, (component.get("month") ?? 1) - 1, component.get("day") ?? 1));
}

interface Rule {
  pattern: RegExp;
  read: (match: RegExpExecArray, asOf: Date) => TimeRange;
}

const rules: Rule[] = [
  { pattern: new RegExp(`\\b(?:last|past|previous|prior|trailing)\\s+(\\d+)\\s+${unitPattern}\\b`), read: (m, asOf) => rolling(asOf, singular(m[2]!), Number(m[1])) },
  { pattern: /\b(?:past|trailing)\s+(hour|day|week|month|year)\b/, read: (m, asOf) => rolling(asOf, m[1] as Unit, 1) },
  { pattern: /\blast\s+(hour|day)\b/, read: (m, asOf) => rolling(asOf, m[1] as Unit, 1) },
  { pattern: /\b(?:so far\s+)?today\b|\bthis day\b/, read: (_m, asOf) => calendar(asOf, "this", "day") },
  { pattern: /\byesterday\b/, read: (_m, asOf) => calendar(asOf, "last", "day") },
  { pattern: /\b(this|last|previous)\s+(week|month|year)\b/, read: (m, asOf) => calendar(asOf, m[1] === "this" ? "this" : "last", m[2] as "week") },
  { pattern: /\b(week|month|year)\s+to\s+date\b/, read: (m, asOf) => calendar(asOf, "this", m[1] as "week") },
  { pattern: /\b(w|m|y)td\b/, read: (m, asOf) => calendar(asOf, "this", ({ w: "week", m: "month", y: "year" } as const)[m[1] as "w"]) },
];

const comparePattern = new RegExp(
  `\\b(?:(?:and\\s+)?(?:the\\s+)?(?:change|difference|growth|delta)\\s+)?(?:vs|versus|compared\\s+(?:to|with)|against|relative\\s+to|from)\\s+(?:the\\s+)?(?:previous|prior|preceding|last)\\s+(?:\\d+\\s+)?(?:${unitPattern.slice(1, -1)}|period)\\b` +
    `|\\b(?:day|week|month|year)\\s+over\\s+(?:day|week|month|year)\\b|\\bperiod\\s+over\\s+period\\b|\\b(?:wow|mom|yoy|dod)\\b`,
);
const grainPattern = /\b(?:(?:each|every|per|by)\s+(hour|day|week|month)|(hourly|daily|weekly|monthly)|over\s+time)\b/;
const grainOfAdverb: Record<string, TimeGrain> = { hourly: "hour", daily: "day", weekly: "week", monthly: "month" };

const monthName = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/;

function explicitDates(text: string, asOf: Date): { range: TimeRange; index: number; length: number } | undefined {
  const reference = { instant: asOf, timezone: "UTC" };
  // A bare month ("in october") needs the casual parser; everything else the strict one, which never reads "may" or "second" as a date.
  const parser = monthName.test(text) ? chrono.casual : chrono.strict;
  const found = parser.parse(text, reference, { forwardDate: false });
  const first = found[0];
  if (!first) return undefined;
  const before = text.slice(0, first.index);
  const start = utcDay(first.start);
  let end = first.end ? addUtcDays(utcDay(first.end), 1) : addUtcDays(start, 1);
  let label = first.end ? `from ${formatUtcDate(start)} to ${formatUtcDate(utcDay(first.end))}` : `on ${formatUtcDate(start)}`;
  const monthOnly = !first.start.isCertain("day");
  if (monthOnly && !first.end) {
    end = addUtcMonths(start, 1);
    label = `in ${start.toISOString().slice(0, 7)}`;
  }
  const since = /\b(since|after|from)\s*$/.test(before) && !first.end;
  if (since) {
    end = asOf;
    label = `since ${formatUtcDate(start)}`;
  }
  if (end.getTime() > asOf.getTime()) end = asOf;
  return { range: { window: { start, end }, label, kind: "explicit", unit: "day", count: 1 }, index: first.index, length: first.text.length };
}

/**
 * Reads time phrases ("today", "last 7 days", "this month", "since 2026-11-01",
 * "vs the previous 30 days", "each day") out of a normalized question. Weeks start
 * on Monday; every period is in UTC and ends no later than `asOf`.
 */
export function parseTimePhrases(text: string, asOf: Date): TimePhrases {
  let rest = ` ${text} `;
  const take = (index: number, length: number) => {
    rest = `${rest.slice(0, index)} ${rest.slice(index + length)}`;
  };
  const result: TimePhrases = { rest };

  const compareMatch = comparePattern.exec(rest);
  if (compareMatch) take(compareMatch.index, compareMatch[0].length);

  const grainMatch = grainPattern.exec(rest);
  if (grainMatch) {
    result.grain = (grainMatch[1] as TimeGrain | undefined) ?? grainOfAdverb[grainMatch[2] ?? ""] ?? "day";
    take(grainMatch.index, grainMatch[0].length);
  }

  for (const rule of rules) {
    const match = rule.pattern.exec(rest);
    if (match) {
      result.range = rule.read(match, asOf);
      take(match.index, match[0].length);
      break;
    }
  }
  if (!result.range) {
    rest = rest.replace(/\bbetween\s+(.+?)\s+and\s+/, "from $1 to ");
    const explicit = explicitDates(rest, asOf);
    if (explicit) {
      result.range = explicit.range;
      take(explicit.index, explicit.length);
    }
  }
  if (compareMatch) {
    const countInPhrase = /(\d+)\s+(hour|day|week|month|year)/.exec(compareMatch[0]);
    if (!result.range && countInPhrase) result.range = rolling(asOf, countInPhrase[2] as Unit, Number(countInPhrase[1]));
    if (result.range) result.compare = previousPeriod(result.range);
  }
  result.rest = rest.replace(/\s+/g, " ").trim();
  return result;
}
