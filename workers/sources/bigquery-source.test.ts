import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSchema } from "../../catalog/model/source-schema.js";
import { isSkiffError } from "../../shared/errors.js";
import { createFakeBigQuery, type FakeBigQuery } from "../../test/fakes/bigquery/create-fake-bigquery.js";
import { createBigQuerySource } from "./bigquery-source.js";
import type { SourceAdapter } from "./source-adapter.js";

let fake: FakeBigQuery;
let adapter: SourceAdapter;
const options = { timeoutMs: 5_000, maxRows: 100_000 };

function source(limits: Record<string, number> = {}) {
  return sourceSchema.parse({ name: "billing", kind: "bigquery", connection: { project: "${BQ_PROJECT}", apiEndpoint: "${BQ_ENDPOINT}", auth: "none" }, limits });
}

beforeAll(async () => {
  fake = await createFakeBigQuery({ projectId: "acme-data" });
  await fake.exec(`
    CREATE SCHEMA billing;
    CREATE TABLE billing.usage_daily (usage_date DATE, account_id BIGINT, product VARCHAR, cost_usd DECIMAL(12,2), loaded_at TIMESTAMP, billed BOOLEAN);
    INSERT INTO billing.usage_daily SELECT DATE '2026-11-01' + CAST(i % 29 AS INTEGER), i, 'workers', i / 100, TIMESTAMP '2026-11-30 01:00:00', i % 2 = 0 FROM range(25000) t(i);`);
  adapter = createBigQuerySource({ source: source(), env: { BQ_PROJECT: "acme-data", BQ_ENDPOINT: fake.url } });
});

afterAll(async () => {
  await adapter?.close();
  await fake?.close();
});

describe("bigquery source (through @google-cloud/bigquery against the REST fake)", () => {
  it("dry-runs, then runs the job with maximumBytesBilled, and pages results up to the cap", async () => {
    fake.calls.length = 0;
    const result = await adapter.query("SELECT usage_date, account_id, cost_usd, loaded_at, billed FROM `billing.usage_daily` ORDER BY account_id", options);
    expect(result.columns.map((c) => c.type)).toEqual(["DATE", "INTEGER", "NUMERIC", "TIMESTAMP", "BOOLEAN"]);
    expect(result.rowCount).toBe(25_000);
    expect(result.truncated).toBe(false);
    expect(result.rows[101]).toEqual(["2026-11-15", 101, 1.01, "2026-11-30T01:00:00.000Z", false]);
    expect(result.bytesProcessed).toBe(25_000 * 6 * 8);
    const inserts = fake.calls.filter((c) => c.method === "POST" && c.path.endsWith("/jobs"));
    expect(inserts).toHaveLength(2);
    expect(inserts[0]?.body).toMatchObject({ configuration: { dryRun: true } });
    expect(inserts[1]?.body).toMatchObject({ configuration: { query: { maximumBytesBilled: "10000000000" } } });
    const pages = fake.calls.filter((c) => c.method === "GET" && c.path.includes("/queries/"));
    // 1,000 rows first, then pages of 10,000 once the rows turn out narrow.
    expect(pages.map((p) => p.query.maxResults)).toEqual(["1000", "10000", "10000", "10000"]);
    expect(pages[1]?.query.pageToken).toBe("1000");
    // Every call went to the fake: no token request, nothing to Google.
    expect(fake.calls.every((c) => c.path.startsWith("/bigquery/v2/projects/acme-data/"))).toBe(true);
  });

  it("stops at the row cap and says so", async () => {
    const result = await adapter.query("SELECT account_id FROM `billing.usage_daily`", { ...options, maxRows: 15_000 });
    expect(result).toMatchObject({ rowCount: 15_000, truncated: true });
  });

  it("cuts long cells and stops at the result byte cap", async () => {
    await fake.exec("CREATE TABLE billing.notes AS SELECT i AS id, repeat('x', 5000) AS note FROM range(100) t(i)");
    const result = await adapter.query("SELECT id, note FROM `billing.notes` ORDER BY id", { ...options, maxCellBytes: 1_000, maxResultBytes: 50_000 });
    expect(result.truncated).toBe(true);
    expect(result.rowCount).toBeGreaterThan(40);
    expect(result.rowCount).toBeLessThan(50);
    expect(result.rows[0]).toEqual([0, expect.stringMatching(/^x+…\[cut at 1000 bytes\]$/)]);
    for (const [, note] of result.rows) expect(Buffer.byteLength(String(note))).toBeLessThanOrEqual(1_000);
  });

  it("asks for smaller pages once it has seen wide rows", async () => {
    await fake.exec("CREATE TABLE billing.mixed AS SELECT i AS id, CASE WHEN i = 0 THEN repeat('x', 5000) ELSE 'n' END AS note FROM range(3000) t(i)");
    fake.calls.length = 0;
    const result = await adapter.query("SELECT id, note FROM `billing.mixed` ORDER BY id", options);
    expect(result).toMatchObject({ rowCount: 3000, truncated: false });
    const sizes = fake.calls.filter((c) => c.method === "GET" && c.path.includes("/queries/")).map((c) => Number(c.query.maxResults));
    expect(sizes[0]).toBe(1_000);
    // 4 MB a page at 5 KB a row.
    expect(sizes[1]).toBeGreaterThan(700);
    expect(sizes[1]).toBeLessThan(900);
  });

  it("refuses what the dry run says is not a SELECT, before anything runs", async () => {
    const error: unknown = await adapter.query("DELETE FROM `billing.usage_daily` WHERE true", options).then(() => undefined, (e: unknown) => e);
    expect(isSkiffError(error, "SQL_REJECTED")).toBe(true);
    expect((error as Error).message).toMatch(/dry run says this is a DELETE statement/);
    expect(await fake.rows("SELECT count(*) FROM billing.usage_daily")).toEqual([["25000"]]);
  });

  it("refuses a query over the source's byte limit, naming the estimate", async () => {
    const small = createBigQuerySource({ source: source({ maxBytes: 1_000_000 }), env: { BQ_PROJECT: "acme-data", BQ_ENDPOINT: fake.url } });
    fake.calls.length = 0;
    const error: unknown = await small.query("SELECT * FROM `billing.usage_daily`", options).then(() => undefined, (e: unknown) => e);
    expect(isSkiffError(error, "TOO_EXPENSIVE")).toBe(true);
    expect((error as Error).message).toContain("would scan about 1.2 MB (1,200,000 bytes) for this query, over its limit of 1.0 MB");
    expect(fake.calls).toHaveLength(1); // the dry run only
  });

  it("reports BigQuery's own error for bad SQL, and an outage as unavailable", async () => {
    const bad: unknown = await adapter.query("SELECT nope FROM `billing.usage_daily`", options).then(() => undefined, (e: unknown) => e);
    expect(isSkiffError(bad, "SQL_FAILED")).toBe(true);
    fake.down = true;
    try {
      const down: unknown = await adapter.healthCheck().then(() => undefined, (e: unknown) => e);
      expect(isSkiffError(down, "SOURCE_UNAVAILABLE")).toBe(true);
    } finally {
      fake.down = false;
    }
    await adapter.healthCheck();
  });

  it("times out a slow job", async () => {
    fake.delayMs = 400;
    try {
      const error: unknown = await adapter.query("SELECT 1 AS one", { timeoutMs: 300, maxRows: 1 }).then(() => undefined, (e: unknown) => e);
      expect(isSkiffError(error, "QUERY_TIMEOUT")).toBe(true);
    } finally {
      fake.delayMs = 0;
    }
  });
});
