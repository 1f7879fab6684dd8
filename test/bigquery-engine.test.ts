import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../shared/clock.js";
import { silentLogger } from "../shared/logger.js";
import { createEngine, type Engine } from "../workers/engine/create-engine.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../workers/sources/source-adapter.js";
import { buildCatalog } from "./fixtures/catalog-fixture.js";
import { createFakeBigQuery, type FakeBigQuery } from "./fakes/bigquery/create-fake-bigquery.js";

let fake: FakeBigQuery;
let engine: Engine;
let sources: Map<string, SourceAdapter>;
const limits = { maxRows: 1_000, queryTimeoutMs: 5_000, runDeadlineMs: 10_000, maxTransferRows: 1_000, freshnessCacheMs: 0 };

beforeAll(async () => {
  fake = await createFakeBigQuery({ projectId: "acme" });
  await fake.exec("CREATE SCHEMA billing; CREATE TABLE billing.usage_daily AS SELECT DATE '2026-11-01' + CAST(i % 28 AS INTEGER) AS usage_date, i AS account_id, i / 7 AS cost_usd FROM range(5000) t(i)");
  await fake.exec("CREATE TABLE billing.events AS SELECT i AS account_id, 'x' AS payload FROM range(200000) t(i)");
  const table = (name: string, columns: string[]) => ({ name, source: "billing", physical: `billing.${name}`, description: name, owner: "#billing", grain: "row", columns: columns.map((c) => ({ name: c, type: "INT64" })) });
  const catalog = buildCatalog({
    sources: [{ name: "billing", kind: "bigquery", connection: { project: "acme", apiEndpoint: "${BQ_URL}", auth: "none" }, limits: { maxBytes: 1_000_000 } }],
    tables: [table("usage_daily", ["usage_date", "account_id", "cost_usd"]), table("events", ["account_id", "payload"])],
  });
  sources = new Map([...catalog.sources.values()].map((source) => [source.name, createSourceAdapter(source, { BQ_URL: fake.url })]));
  engine = createEngine({ catalog, sources, limits, clock: fixedClock(new Date("2026-11-30T12:00:00Z")), logger: silentLogger });
});

afterAll(async () => {
  await Promise.allSettled([...(sources?.values() ?? [])].map((source) => source.close()));
  await fake?.close();
});

describe("BigQuery through the engine", () => {
  it("records the bytes the job processed in the run", async () => {
    const executed = await engine.run({ id: "q1", source: "billing", sql: "SELECT usage_date, sum(cost_usd) AS cost FROM billing.usage_daily GROUP BY usage_date ORDER BY usage_date", purpose: "cost by day" });
    expect(executed.error).toBeUndefined();
    expect(executed.result?.rowCount).toBe(28);
    expect(executed.record.bytes).toBe(5_000 * 3 * 8);
  });

  it("refuses a query over the source's byte limit with the estimate, before the job runs", async () => {
    fake.calls.length = 0;
    const executed = await engine.run({ id: "q2", source: "billing", sql: "SELECT count(DISTINCT payload) AS n FROM billing.events", purpose: "payloads" });
    expect(executed.error?.code).toBe("TOO_EXPENSIVE");
    expect(executed.record.error).toContain("would scan about 3.2 MB (3,200,000 bytes) for this query, over its limit of 1.0 MB");
    expect(fake.calls.map((call) => (call.body as { configuration?: { dryRun?: boolean } }).configuration?.dryRun)).toEqual([true]);
  });
});
