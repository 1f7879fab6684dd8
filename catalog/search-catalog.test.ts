import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "./load-catalog.js";
import { buildCatalog } from "../test/fixtures/catalog-fixture.js";
import type { Catalog } from "./model/index.js";
import type { CatalogSearch } from "./search-catalog.js";
import { createCatalogSearch } from "./search-catalog.js";

let search: CatalogSearch;

beforeAll(async () => {
  search = createCatalogSearch(await loadCatalog("test/fixtures/catalogs/mini"));
});

const names = (query: string, options?: Parameters<CatalogSearch["search"]>[1]) => search.search(query, options).map((hit) => `${hit.kind}:${hit.name}`);

describe("createCatalogSearch", () => {
  it("finds a metric by its synonym", () => {
    expect(names("traffic")[0]).toBe("metric:requests");
  });

  it("finds the zone entity and its home table through a plural synonym", () => {
    const hits = names("domains");
    expect(hits).toContain("entity:zone");
    expect(hits).toContain("table:lake.zones");
  });

  it("finds a column by one of its known values", () => {
    expect(names("enterprise")[0]).toBe("column:lake.zones.plan");
  });

  it("finds glossary terms, segments and dimensions", () => {
    expect(names("onboarding")).toContain("glossary:signup");
    expect(names("cached")).toContain("segment:cache_hits");
    expect(names("status class")[0]).toBe("dimension:status_class");
  });

  it("forgives a typo and an unfinished word", () => {
    expect(names("reqests")[0]).toBe("metric:requests");
    expect(names("bandwid")[0]).toBe("metric:bandwidth");
  });

  it("reads a whole question without stop words dominating", () => {
    expect(names("how many domains signed up today?", { limit: 3 })).toContain("metric:signups");
  });

  it("filters by kind and honours the limit", () => {
    const hits = search.search("zone", { kinds: ["column"], limit: 2 });
    expect(hits).toHaveLength(2);
    expect(hits.every((hit) => hit.kind === "column")).toBe(true);
  });

  it("returns one-line descriptions and scores best first", () => {
    const hits = search.search("requests");
    expect(hits[0]).toMatchObject({ kind: "metric", name: "requests", description: "HTTP requests served, sampling-corrected." });
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("never offers pending columns", () => {
    expect(names("risk score")).not.toContain("column:lake.zones.risk_score");
  });

  it("returns nothing for an empty or stop-word-only query", () => {
    expect(search.search("")).toEqual([]);
    expect(search.search("how many of the")).toEqual([]);
  });
});

describe("createCatalogSearch at scale", () => {
  it("indexes a 10,000-table catalog and answers quickly", () => {
    const catalog = syntheticCatalog(10_000);
    const started = performance.now();
    const big = createCatalogSearch(catalog);
    const indexedMs = performance.now() - started;

    const queryStarted = performance.now();
    const hits = big.search("payments revenue region 4242");
    const queryMs = performance.now() - queryStarted;

    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((hit) => hit.name.startsWith("shop.payments_4242"))).toBe(true);
    // Generous bounds: a sanity check that it stays usable, not a benchmark.
    expect(indexedMs).toBeLessThan(15_000);
    expect(queryMs).toBeLessThan(1_000);
  });
});

function syntheticCatalog(size: number): Catalog {
  const subjects = ["orders", "customers", "payments", "shipments", "sessions", "invoices", "refunds", "products"];
  const tables: unknown[] = [];
  for (let i = 0; i < size; i++) {
    const subject = subjects[i % subjects.length] ?? "orders";
    tables.push({
      name: `${subject}_${i}`,
      source: "shop",
      description: `${subject} snapshot number ${i} for the ${i % 2 === 0 ? "revenue" : "growth"} team`,
      owner: "data-team",
      grain: `one row per ${subject.slice(0, -1)}`,
      keys: {},
      columns: ["id", "created_at", "region", "amount_usd", "status", "customer_email", "channel", "notes"].map((name) => ({
        name,
        type: "VARCHAR",
        description: `${name} of the ${subject.slice(0, -1)}`,
        ...(name === "region" ? { values: ["emea", "apac", "amer"] } : {}),
      })),
    });
  }
  return buildCatalog({ dir: "synthetic", sources: [{ name: "shop", kind: "duckdb" }], tables });
}
