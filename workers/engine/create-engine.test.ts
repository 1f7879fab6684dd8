import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog } from "../../test/fixtures/catalog-fixture.js";
import { FakeSourceAdapter } from "../../test/fixtures/fake-source-adapter.js";
import { lakeCatalog } from "../../test/fixtures/lake-catalog.js";
import { writeTestLake } from "../../test/fixtures/test-lake.js";
import type { Catalog } from "../../catalog/model/catalog.js";
import { fixedClock } from "../../shared/clock.js";
import type { Config } from "../../shared/config.js";
import { SkiffError } from "../../shared/errors.js";
import { silentLogger } from "../../shared/logger.js";
import type { QueryResult } from "../../shared/query-result.js";
import { createDuckDbSource } from "../sources/duckdb-source.js";
import type { QueryOptions, SourceAdapter } from "../sources/source-adapter.js";
import { createEngine } from "./create-engine.js";
import { partialCaveat } from "./partial-caveat.js";
import type { PlannedQuery } from "./planned-query.js";

const limits: Config["limits"] = { maxRows: 100, queryTimeoutMs: 10_000, runDeadlineMs: 60_000, maxTransferRows: 1_000, freshnessCacheMs: 60_000 };
const noon = new Date("2026-11-30T12:00:00Z");
const today = { start: new Date("2026-11-30T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };

/** Wraps an adapter and records every statement it is sent. */
class RecordingAdapter implements SourceAdapter {
  readonly sent: string[] = [];
  constructor(private readonly inner: SourceAdapter) {}
  get name() {
    return this.inner.name;
  }
  get kind() {
    return this.inner.kind;
  }
  get dialect() {
    return this.inner.dialect;
  }
  query(sql: string, options: QueryOptions): Promise<QueryResult> {
    this.sent.push(sql);
    return this.inner.query(sql, options);
  }
  healthCheck() {
    return this.inner.healthCheck();
  }
  close() {
    return this.inner.close();
  }
}

describe("createEngine over a DuckDB lake", () => {
  let dir: string;
  let catalog: Catalog;
  let adapters: Map<string, RecordingAdapter>;

  const engineAt = (now: Date, overrides: Partial<Config["limits"]> = {}) =>
    createEngine({ catalog, sources: adapters, limits: { ...limits, ...overrides }, clock: fixedClock(now), logger: silentLogger });
  const q = (source: string, sql: string, extra: Partial<PlannedQuery> = {}): PlannedQuery => ({ id: "q1", source, sql, purpose: "test", ...extra });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "skiff-engine-"));
    const path = join(dir, "lake.duckdb");
    await writeTestLake(path);
    catalog = lakeCatalog(path);
    adapters = new Map([...catalog.sources.values()].map((source) => [source.name, new RecordingAdapter(createDuckDbSource({ source, env: {} }))]));
  });

  afterAll(async () => {
    for (const adapter of adapters?.values() ?? []) await adapter.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs a query and records it", async () => {
    const executed = await engineAt(noon).run(q("analytics", "SELECT sum(sample_interval) AS requests FROM analytics.http_requests"));
    expect(executed.error).toBeUndefined();
    expect(executed.result?.rows).toEqual([[121]]);
    expect(executed.tables).toEqual(["analytics.http_requests"]);
    expect(executed.record).toMatchObject({ id: "q1", source: "analytics", rows: 1, truncated: false, purpose: "test" });
    expect(executed.record.error).toBeUndefined();
  });

  it("says a sampled table's counts are estimates", async () => {
    const executed = await engineAt(noon).run(q("analytics", "SELECT count(*) FROM analytics.http_requests"));
    expect(executed.caveats).toContainEqual({
      kind: "sampled",
      table: "analytics.http_requests",
      message: "analytics.http_requests is sampled: each row stands for sample_interval requests, so counts are estimates weighted by sample_interval",
    });
  });

  it("says when the row cap cut the result", async () => {
    const executed = await engineAt(noon, { maxRows: 2 }).run(q("analytics", "SELECT zone_id FROM analytics.http_requests ORDER BY ts"));
    expect(executed.result?.rows).toEqual([[1], [1]]);
    expect(executed.record.truncated).toBe(true);
    expect(executed.caveats).toContainEqual({ kind: "truncated", message: "showing the first 2 rows; the full result has more" });
  });

  it("lets a result saved for combining carry up to the transfer cap", async () => {
    const executed = await engineAt(noon, { maxRows: 2 }).run(q("analytics", "SELECT zone_id FROM analytics.http_requests", { saveAs: "zones_seen" }));
    expect(executed.result?.rowCount).toBe(4);
    expect(executed.record.truncated).toBe(false);
  });

  it("pseudonymises PII at the source and says so: equal values stay equal, counting distinct still works", async () => {
    const executed = await engineAt(noon).run(q("accounts", "SELECT account_id, email, count(DISTINCT email) OVER () AS people FROM accounts.accounts ORDER BY 1"));
    const rows = executed.result?.rows ?? [];
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    for (const row of rows) expect(row[1]).toMatch(/^\[email:[0-9a-f]{16}\]$/);
    expect(rows[0]?.[1]).not.toBe(rows[1]?.[1]);
    expect(executed.caveats.map((c) => c.kind)).toContain("pii_masked");
    expect(executed.record.sql).toBe("SELECT account_id, email, count(DISTINCT email) OVER () AS people FROM accounts.accounts ORDER BY 1");
    expect(executed.record.executedSql).toContain("<pii key>");
  });

  it("never shows the key: a column DuckDB names after its expression reads as the statement wrote it", async () => {
    const executed = await engineAt(noon).run(q("accounts", "SELECT (SELECT count(*) FROM accounts.accounts), EXISTS (SELECT 1 FROM accounts.accounts a)"));
    expect(executed.result?.columns.map((c) => c.name)).toEqual(["(SELECT count_star() FROM accounts.accounts)", "EXISTS(SELECT 1 FROM accounts.accounts AS a)"]);
    expect(JSON.stringify(executed)).not.toMatch(/[0-9a-f]{24}/);
  });

  it("says when the question reaches before the table's retention", async () => {
    const executed = await engineAt(noon).run(
      q("analytics", "SELECT count(*) FROM analytics.http_requests", { window: { start: new Date("2026-10-01T00:00:00Z"), end: today.end } }),
    );
    expect(executed.caveats).toContainEqual({
      kind: "retention",
      table: "analytics.http_requests",
      message: "analytics.http_requests keeps 30 days of data, so the answer covers only from 2026-10-31, not from 2026-10-01 as asked",
    });
    const recent = await engineAt(noon).run(q("analytics", "SELECT count(*) FROM analytics.http_requests", { window: today }));
    expect(recent.caveats.map((c) => c.kind)).not.toContain("retention");
  });

  it("says a daily table's newest day is not in yet", async () => {
    const executed = await engineAt(noon).run(q("billing", "SELECT sum(cost_usd) FROM billing.usage_daily WHERE usage_date >= DATE '2026-11-30'", { window: today }));
    expect(executed.caveats).toContainEqual({
      kind: "stale",
      table: "billing.usage_daily",
      message: "billing.usage_daily is loaded once a day; the newest data is for 2026-11-29, so 2026-11-30 is not in yet",
    });
    const yesterday = { start: new Date("2026-11-29T00:00:00Z"), end: new Date("2026-11-30T00:00:00Z") };
    const complete = await engineAt(noon).run(q("billing", "SELECT sum(cost_usd) FROM billing.usage_daily", { window: yesterday }));
    expect(complete.caveats.map((c) => c.kind)).not.toContain("stale");
  });

  it("says a table is behind its freshness promise, from a live check", async () => {
    const fresh = await engineAt(noon).run(q("analytics", "SELECT count(*) FROM analytics.http_requests", { window: today }));
    expect(fresh.caveats.map((c) => c.kind)).not.toContain("stale");
    const late = await engineAt(new Date("2026-11-30T14:00:00Z")).run(q("analytics", "SELECT count(*) FROM analytics.http_requests", { window: today }));
    expect(late.caveats).toContainEqual({
      kind: "stale",
      table: "analytics.http_requests",
      message:
        "analytics.http_requests is behind: its newest row is from 2026-11-30T11:50:00.000Z, 2h 10m ago (it promises at most 15m), so the answer misses anything after that",
    });
  });

  it("checks freshness once per table while the reading is cached", async () => {
    const engine = engineAt(noon);
    const adapter = adapters.get("analytics") as RecordingAdapter;
    const before = adapter.sent.filter((sql) => sql.includes("max(")).length;
    await engine.runAll([1, 2, 3].map((n) => q("analytics", "SELECT count(*) FROM analytics.http_requests", { id: `q${n}`, window: today })));
    await engine.run(q("analytics", "SELECT 1 AS one FROM analytics.http_requests LIMIT 1", { window: today }));
    const checks = adapter.sent.filter((sql) => sql.includes("max(")).slice(before);
    expect(checks).toEqual(['SELECT max("ts") AS newest FROM "analytics"."http_requests"']);
  });

  it("returns a guard rejection as an error without running anything", async () => {
    const adapter = adapters.get("analytics") as RecordingAdapter;
    const sent = adapter.sent.length;
    const executed = await engineAt(noon).run(q("analytics", "DROP TABLE analytics.http_requests"));
    expect(executed.error?.code).toBe("SQL_REJECTED");
    expect(executed.result).toBeUndefined();
    expect(executed.record.error).toMatch(/^rejected \(read-only\)/);
    expect(executed.record.rows).toBe(0);
    expect(adapter.sent.length).toBe(sent);
  });

  it("returns a failed statement as an error carrying the engine's message", async () => {
    const executed = await engineAt(noon).run(q("analytics", "SELECT no_such_column FROM analytics.http_requests"));
    expect(executed.error?.code).toBe("SQL_FAILED");
    expect(executed.record.error).toContain("no_such_column");
    expect(executed.tables).toEqual(["analytics.http_requests"]);
  });

  it("returns an unknown source as an error", async () => {
    const executed = await engineAt(noon).run(q("warehouse", "SELECT 1"));
    expect(executed.error?.code).toBe("UNKNOWN_SOURCE");
    expect(executed.error?.message).toContain("warehouse");
  });
});

describe("createEngine fan-out", () => {
  const catalog = buildCatalog({
    sources: ["alpha", "beta", "gamma"].map((name) => ({ name, kind: "duckdb", connection: { path: "/unused" } })),
    tables: ["alpha", "beta", "gamma"].map((source) => ({
      name: "items",
      source,
      physical: "items",
      description: "Items.",
      owner: "#test",
      grain: "one row per item",
      columns: [{ name: "n", type: "INTEGER" }],
    })),
  });
  const result = (n: number): QueryResult => ({ columns: [{ name: "n", type: "INTEGER" }], rows: [[n]], rowCount: 1, truncated: false, ms: 200 });
  const engineWith = (sources: SourceAdapter[]) =>
    createEngine({ catalog, sources: new Map(sources.map((s) => [s.name, s])), limits, clock: fixedClock(noon), logger: silentLogger });
  const query = (id: string, source: string): PlannedQuery => ({ id, source, sql: "SELECT n FROM items", purpose: `count on ${source}` });

  it("runs independent queries in parallel and keeps their order", async () => {
    const alpha = new FakeSourceAdapter({ name: "alpha", delayMs: 200, answer: result(1) });
    const beta = new FakeSourceAdapter({ name: "beta", delayMs: 200, answer: result(2) });
    const started = performance.now();
    const executed = await engineWith([alpha, beta]).runAll([query("q1", "alpha"), query("q2", "beta")]);
    const took = performance.now() - started;
    expect(took).toBeLessThan(350);
    expect(executed.map((e) => e.result?.rows[0]?.[0])).toEqual([1, 2]);
    expect(executed.map((e) => e.record.id)).toEqual(["q1", "q2"]);
  });

  it("keeps going when one source fails, and says what is missing", async () => {
    const alpha = new FakeSourceAdapter({ name: "alpha", delayMs: 20, answer: result(1) });
    const beta = new FakeSourceAdapter({ name: "beta", delayMs: 20, answer: new SkiffError("SOURCE_UNAVAILABLE", "beta refused the connection") });
    const gamma = new FakeSourceAdapter({ name: "gamma", delayMs: 20, answer: result(3) });
    const executed = await engineWith([alpha, beta, gamma]).runAll([query("q1", "alpha"), query("q2", "beta"), query("q3", "gamma")]);
    expect(executed.map((e) => e.error?.code)).toEqual([undefined, "SOURCE_UNAVAILABLE", undefined]);
    expect(executed[1]?.record.error).toBe("beta refused the connection");
    expect(partialCaveat(executed)).toEqual({
      kind: "partial",
      message: "part of the answer is missing because a query failed — q2 on beta (count on beta) failed: beta refused the connection",
    });
    expect(partialCaveat(executed.filter((e) => !e.error))).toBeUndefined();
  });

  it("turns an adapter's plain error into a SkiffError", async () => {
    const alpha = new FakeSourceAdapter({ name: "alpha", answer: new Error("socket hang up") });
    const [executed] = await engineWith([alpha]).runAll([query("q1", "alpha")]);
    expect(executed?.error?.code).toBe("INTERNAL");
    expect(executed?.record.error).toBe("socket hang up");
  });

  it("limits how many statements one source runs at once", async () => {
    const alpha = new FakeSourceAdapter({ name: "alpha", delayMs: 100, answer: result(1) });
    const engine = createEngine({ catalog, sources: new Map([["alpha", alpha]]), limits, clock: fixedClock(noon), logger: silentLogger, perSourceConcurrency: 2 });
    const started = performance.now();
    await engine.runAll([1, 2, 3, 4].map((n) => query(`q${n}`, "alpha")));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe("createEngine scratch", () => {
  const engine = createEngine({ catalog: buildCatalog(), sources: new Map(), limits: { ...limits, maxTransferRows: 3 }, clock: fixedClock(noon), logger: silentLogger });
  const result = (columns: [string, string][], rows: QueryResult["rows"]): QueryResult => ({
    columns: columns.map(([name, type]) => ({ name, type })),
    rows,
    rowCount: rows.length,
    truncated: false,
    ms: 1,
  });

  it("loads results with their types and combines them", async () => {
    const scratch = await engine.openScratch();
    try {
      await scratch.load(
        "top_zones",
        result(
          [
            ["zone_id", "BIGINT"],
            ["requests", "HUGEINT"],
            ["day", "DATE"],
          ],
          [
            [1, "170141183460469231731687303715884105727", "2026-11-30"],
            [2, 5, "2026-11-30"],
          ],
        ),
      );
      await scratch.load(
        "zones",
        result(
          [
            ["zone_id", "BIGINT"],
            ["domain", "VARCHAR"],
            ["created_at", "TIMESTAMP"],
            ["owner", "VARCHAR"],
          ],
          [
            [1, "ada.dev", "2026-11-30T08:00:00.000Z", "[masked: email]"],
            [2, "grace.org", "2026-11-29T08:00:00.000Z", null],
          ],
        ),
      );
      expect(scratch.tables).toEqual(["top_zones", "zones"]);
      const combined = await scratch.query(
        "SELECT t.zone_id, z.domain, t.requests, t.day, z.created_at FROM top_zones t JOIN zones z USING (zone_id) ORDER BY t.zone_id",
        "top zones with their domains",
        "combine1",
      );
      expect(combined.error).toBeUndefined();
      expect(combined.result?.columns.map((c) => c.type)).toEqual(["BIGINT", "VARCHAR", "HUGEINT", "DATE", "TIMESTAMP"]);
      expect(combined.result?.rows).toEqual([
        [1, "ada.dev", "170141183460469231731687303715884105727", "2026-11-30", "2026-11-30T08:00:00.000Z"],
        [2, "grace.org", 5, "2026-11-30", "2026-11-29T08:00:00.000Z"],
      ]);
      expect(combined.record).toMatchObject({ id: "combine1", source: "scratch", rows: 2, purpose: "top zones with their domains" });
      expect(combined.tables).toEqual(["top_zones", "zones"]);
      expect(combined.caveats).toEqual([]);
    } finally {
      await scratch.close();
    }
  });

  it("says when a join over non-empty inputs dropped everything", async () => {
    const scratch = await engine.openScratch();
    try {
      await scratch.load("a", result([["zone_id", "BIGINT"]], [[1], [2]]));
      await scratch.load("b", result([["zone_id", "VARCHAR"]], [["zone-1"], ["zone-2"]]));
      const combined = await scratch.query("SELECT * FROM a JOIN b ON CAST(a.zone_id AS VARCHAR) = b.zone_id", "join", "combine1");
      expect(combined.result?.rowCount).toBe(0);
      expect(combined.caveats).toEqual([
        { kind: "empty_join", message: "combining a (2 rows) and b (2 rows) returned no rows: the join keys may not match (compare their values and types, e.g. 42 vs '42')" },
      ]);
    } finally {
      await scratch.close();
    }
  });

  it("caps what one result carries into a combine", async () => {
    const scratch = await engine.openScratch();
    try {
      const loaded = await scratch.load("many", result([["n", "INTEGER"]], [[1], [2], [3], [4], [5]]));
      expect(loaded).toMatchObject({ rows: 3, truncated: true });
      expect(loaded.caveats[0]?.kind).toBe("truncated");
      const counted = await scratch.query("SELECT count(*) AS n FROM many", "count", "combine1");
      expect(counted.result?.rows).toEqual([[3]]);
    } finally {
      await scratch.close();
    }
  });

  it("guards combine SQL to the saved results", async () => {
    const scratch = await engine.openScratch();
    try {
      await scratch.load("a", result([["n", "INTEGER"]], [[1]]));
      const outside = await scratch.query("SELECT * FROM read_csv('/etc/passwd')", "escape", "combine1");
      expect(outside.error?.code).toBe("SQL_REJECTED");
      const unknown = await scratch.query("SELECT * FROM duckdb_tables", "peek", "combine2");
      expect(unknown.error?.code).toBe("SQL_REJECTED");
      expect(unknown.record.error).toContain("saved results: a");
      const write = await scratch.query("DROP TABLE a", "drop", "combine3");
      expect(write.error?.code).toBe("SQL_REJECTED");
      expect((await scratch.query("SELECT n FROM a", "still there", "combine4")).result?.rows).toEqual([[1]]);
      await expect(scratch.load("Bad Name", result([["n", "INTEGER"]], []))).rejects.toThrow(/lower_snake_case/);
    } finally {
      await scratch.close();
    }
  });
});
