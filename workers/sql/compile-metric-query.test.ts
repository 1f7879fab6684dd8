import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../catalog/load-catalog.js";
import type { Catalog } from "../../catalog/model/catalog.js";
import { packageRoot } from "../../shared/package-root.js";
import { isSkiffError } from "../../shared/errors.js";
import { compileMetricQuery } from "./compile-metric-query.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(`${packageRoot()}/catalog/demo`);
});

const lastWeek = { start: new Date("2026-11-23T12:00:00Z"), end: new Date("2026-11-30T12:00:00Z") };

describe("compileMetricQuery", () => {
  it("weights a count on a sampled table by its sample column", () => {
    const { sql, columns } = compileMetricQuery(
      catalog,
      { metric: "requests", groupBy: [{ kind: "attribute", name: "country" }], filters: [], window: lastWeek, order: "desc", limit: 10 },
      "duckdb",
    );
    expect(sql).toBe(
      [
        "SELECT country, sum(sample_interval) AS requests",
        "FROM analytics.http_requests",
        "WHERE ts >= TIMESTAMP '2026-11-23 12:00:00' AND ts < TIMESTAMP '2026-11-30 12:00:00'",
        "GROUP BY country",
        "ORDER BY requests DESC NULLS LAST, country",
        "LIMIT 10",
      ].join("\n"),
    );
    expect(columns.map((c) => [c.name, c.role])).toEqual([["country", "group"], ["requests", "metric"]]);
  });

  it("weights a sum by multiplying each row by its weight", () => {
    const { sql } = compileMetricQuery(catalog, { metric: "bandwidth", groupBy: [], filters: [] }, "duckdb");
    expect(sql).toContain("sum((edge_response_bytes) * sample_interval) AS bandwidth");
  });

  it("compiles a ratio metric as two conditional aggregates over one scan", () => {
    const { sql } = compileMetricQuery(catalog, { metric: "cache_hit_ratio", groupBy: [], filters: [], window: lastWeek }, "duckdb");
    expect(sql).toContain(
      "1.0 * sum(CASE WHEN cache_status = 'hit' THEN sample_interval ELSE 0 END) / NULLIF(sum(sample_interval), 0) AS cache_hit_ratio",
    );
  });

  it("names a share apart from the metric", () => {
    const { sql, valueColumn } = compileMetricQuery(catalog, { metric: "requests", groupBy: [], filters: [], shareOf: { kind: "segment", name: "cache_hit" } }, "duckdb");
    expect(valueColumn).toBe("requests_share");
    expect(sql).toContain("AS requests_share");
  });

  it("compares two windows in one query and scans only their span", () => {
    const { sql, columns } = compileMetricQuery(
      catalog,
      {
        metric: "cost",
        groupBy: [{ kind: "attribute", name: "account" }],
        filters: [{ kind: "equals", column: "product", values: ["r2_storage"] }],
        window: { start: new Date("2026-10-31T00:00:00Z"), end: new Date("2026-11-30T00:00:00Z") },
        compare: { start: new Date("2026-10-01T00:00:00Z"), end: new Date("2026-10-31T00:00:00Z") },
        order: "desc",
        limit: 5,
      },
      "duckdb",
    );
    expect(sql).toContain("sum(CASE WHEN usage_date >= DATE '2026-10-31' AND usage_date < DATE '2026-11-30' THEN cost_usd ELSE 0 END) AS cost");
    expect(sql).toContain("AS previous_cost");
    expect(sql).toContain("WHERE (usage_date >= DATE '2026-10-01' AND usage_date < DATE '2026-11-30') AND (product = 'r2_storage')");
    expect(columns.find((c) => c.role === "group")).toEqual({ name: "account_id", role: "group", entity: "account" });
  });

  it("escapes filter values as literals", () => {
    const { sql } = compileMetricQuery(catalog, { metric: "cost", groupBy: [], filters: [{ kind: "equals", column: "product", values: ["x' OR 1=1 --"] }] }, "duckdb");
    expect(sql).toContain("product = 'x'' OR 1=1 --'");
  });

  it.each([
    ["clickhouse", "toStartOfDay(ts) AS day", "ts >= toDateTime('2026-11-23 12:00:00', 'UTC')"],
    ["bigquery", "TIMESTAMP_TRUNC(ts, DAY) AS day", "ts >= TIMESTAMP '2026-11-23 12:00:00+00'"],
    ["postgres", "date_trunc('day', ts) AS day", "ts >= TIMESTAMP '2026-11-23 12:00:00'"],
  ] as const)("speaks %s", (dialect, trunc, literal) => {
    const { sql } = compileMetricQuery(catalog, { metric: "requests", groupBy: [{ kind: "time", grain: "day" }], filters: [], window: lastWeek }, dialect);
    expect(sql).toContain(trunc);
    expect(sql).toContain(literal);
  });

  it("refuses a breakdown the table cannot give", () => {
    try {
      compileMetricQuery(catalog, { metric: "cost", groupBy: [{ kind: "attribute", name: "cache_status" }], filters: [] }, "duckdb");
      expect.unreachable();
    } catch (error) {
      expect(isSkiffError(error, "UNANSWERABLE")).toBe(true);
    }
  });
});
