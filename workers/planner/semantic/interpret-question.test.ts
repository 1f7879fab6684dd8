import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../../catalog/load-catalog.js";
import type { Catalog } from "../../../catalog/model/catalog.js";
import { packageRoot } from "../../../shared/package-root.js";
import { isSkiffError } from "../../../shared/errors.js";
import { interpretQuestion } from "./interpret-question.js";
import type { IntersectionPlan, MetricPlan, SemanticPlan } from "./semantic-plan.js";
import { buildVocabulary, type Vocabulary } from "./vocabulary.js";

const asOf = new Date("2026-11-30T12:00:00Z");
let catalog: Catalog;
let vocabulary: Vocabulary;

beforeAll(async () => {
  catalog = await loadCatalog(`${packageRoot()}/catalog/demo`);
  vocabulary = buildVocabulary(catalog);
});

const plan = (question: string): SemanticPlan => interpretQuestion(question, catalog, vocabulary, asOf);
const metricPlan = (question: string): MetricPlan => {
  const p = plan(question);
  if (p.kind !== "metric") throw new Error(`expected a metric plan for "${question}", got ${p.kind}`);
  return p;
};
const refusal = (question: string): string => {
  try {
    plan(question);
  } catch (error) {
    if (isSkiffError(error, "UNANSWERABLE")) return error.message;
    throw error;
  }
  throw new Error(`expected "${question}" to be refused`);
};

describe("interpretQuestion on the demo catalog", () => {
  it.each([
    "How many domains that signed up today are in the top 100 by traffic?",
    "how many zones that signed up today are in the top 100 by requests",
    "Of the domains that signed up today, how many are among the top 100 by traffic?",
    "which domains that joined today made the top 100 by traffic?",
  ])("reads an entity-set intersection: %s", (question) => {
    const p = plan(question) as IntersectionPlan;
    expect(p.kind).toBe("intersection");
    expect(p.entity).toBe("zone");
    expect(p.members.metric).toBe("new_zones");
    expect(p.members.window?.start.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(p.ranking).toMatchObject({ metric: "requests", limit: 100, order: "desc" });
    expect(p.ranking.window?.start.toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });

  it("states how it read traffic and today", () => {
    const p = plan("How many domains that signed up today are in the top 100 by traffic?");
    expect(p.assumptions.join("\n")).toMatch(/"top 100 by traffic" read as the 100 zones with the most requests today/);
    expect(p.assumptions.join("\n")).toMatch(/"today" read as 2026-11-30 00:00 to 2026-11-30 12:00 UTC/);
  });

  it.each([
    "Top 10 countries by requests in the last 7 days",
    "top ten countries by traffic over the past 7 days",
    "what were the 10 countries with the most requests in the last seven days?",
  ])("ranks a dimension: %s", (question) => {
    const p = metricPlan(question);
    expect(p.query).toMatchObject({ metric: "requests", groupBy: [{ kind: "attribute", name: "country" }], order: "desc", limit: 10 });
    expect(p.query.window?.start.toISOString()).toBe("2026-11-23T12:00:00.000Z");
  });

  it.each(["How many zones signed up each day this week?", "daily zone signups this week", "new domains per day this week"])(
    "groups an event metric by day: %s",
    (question) => {
      const p = metricPlan(question);
      expect(p.query).toMatchObject({ metric: "new_zones", groupBy: [{ kind: "time", grain: "day" }], filters: [] });
      expect(p.query.window?.start.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    },
  );

  it("compares periods, on whole days for a daily table", () => {
    const p = metricPlan("Top 5 accounts by R2 storage cost in the last 30 days, and the change versus the previous 30 days");
    expect(p.query).toMatchObject({
      metric: "cost",
      groupBy: [{ kind: "attribute", name: "account" }],
      filters: [{ kind: "equals", column: "product", values: ["r2_storage"] }],
      limit: 5,
    });
    expect(p.query.window).toEqual({ start: new Date("2026-10-31T00:00:00Z"), end: new Date("2026-11-30T00:00:00Z") });
    expect(p.query.compare).toEqual({ start: new Date("2026-10-01T00:00:00Z"), end: new Date("2026-10-31T00:00:00Z") });
    expect(p.assumptions.join("\n")).toMatch(/full days 2026-10-31 to 2026-11-29/);
  });

  it.each(["What share of requests were cache hits yesterday?", "what percentage of requests were served from cache yesterday", "% of traffic that was cached yesterday"])(
    "reads a share: %s",
    (question) => {
      const p = metricPlan(question);
      expect(p.query).toMatchObject({ metric: "requests", shareOf: { kind: "segment", name: "cache_hit" }, groupBy: [] });
      expect(p.query.window?.start.toISOString()).toBe("2026-11-29T00:00:00.000Z");
    },
  );

  it.each(["Bandwidth by cache status for the last 24 hours", "bytes served per cache status in the past 24 hours"])("groups by a column: %s", (question) => {
    const p = metricPlan(question);
    expect(p.query).toMatchObject({ metric: "bandwidth", groupBy: [{ kind: "attribute", name: "cache_status" }] });
    expect(p.query.window?.start.toISOString()).toBe("2026-11-29T12:00:00.000Z");
  });

  it.each(["New enterprise accounts this month", "how many enterprise accounts signed up this month?", "enterprise accounts created this month"])(
    "filters on a known value: %s",
    (question) => {
      const p = metricPlan(question);
      expect(p.query).toMatchObject({ metric: "new_accounts", filters: [{ kind: "equals", column: "plan", values: ["enterprise"] }], groupBy: [] });
      expect(p.query.window?.start.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    },
  );

  it("says so when no time range was given", () => {
    expect(metricPlan("requests by country").assumptions.join("\n")).toMatch(/no time range given.*keeps 30 days/);
  });

  it.each([
    ["what is the weather on mars", /couldn't map "weather", "mars"/],
    ["'; DROP TABLE zones; --", /couldn't map "drop", "table"/],
    ["cost by country", /cost can't be broken down by "country"; it can be by product, account/],
    ["zones", /no measure to compute/],
  ])("refuses %s with what it can answer", (question, reason) => {
    const message = refusal(question);
    expect(message).toMatch(reason);
    expect(message).toMatch(/Skiff can answer about: requests \(by country/);
  });
});
