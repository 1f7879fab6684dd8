import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/model/catalog.js";
import { fixedClock } from "../shared/clock.js";
import { silentLogger } from "../shared/logger.js";
import type { QueryResult } from "../shared/query-result.js";
import { createEngine } from "../workers/engine/create-engine.js";
import { partialCaveat } from "../workers/engine/partial-caveat.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { QueryOptions, SourceAdapter } from "../workers/sources/source-adapter.js";
import { buildCatalog } from "./fixtures/catalog-fixture.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "./fixtures/clickhouse-test-database.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";

const now = new Date("2026-11-30T12:00:00Z");
const today = { start: new Date("2026-11-30T00:00:00Z"), end: now };
const limits = { maxRows: 1_000, queryTimeoutMs: 1_000, runDeadlineMs: 10_000, maxTransferRows: 1_000, freshnessCacheMs: 60_000 };
let pg: PostgresTestDatabase;
let ch: ClickHouseTestDatabase;
let catalog: Catalog;
let sources: Map<string, SourceAdapter & { statements: string[] }>;

/** The real adapter, recording what it was sent. */
function recording(adapter: SourceAdapter): SourceAdapter & { statements: string[] } {
  const statements: string[] = [];
  return {
    name: adapter.name,
    kind: adapter.kind,
    dialect: adapter.dialect,
    statements,
    query(sql: string, options: QueryOptions): Promise<QueryResult> {
      statements.push(sql);
      return adapter.query(sql, options);
    },
    healthCheck: () => adapter.healthCheck(),
    close: () => adapter.close(),
  };
}

beforeAll(async () => {
  [pg, ch] = await Promise.all([createPostgresTestDatabase(), createClickHouseTestDatabase()]);
  await pg.exec(`CREATE SCHEMA accounts;
    CREATE TABLE accounts.zones AS SELECT g AS zone_id, TIMESTAMP '2026-11-27 09:00:00' - g * INTERVAL '1 minute' AS created_at FROM generate_series(1, 100) g;`);
  await ch.exec(`CREATE TABLE ${ch.name}.http_requests ENGINE = MergeTree ORDER BY ts AS
    SELECT toDateTime('2026-11-30 11:55:00', 'UTC') - number AS ts, number % 50 AS zone_id FROM system.numbers LIMIT 1000000`);
  catalog = buildCatalog({
    sources: [
      { name: "accounts", kind: "postgres", connection: { url: "${PG_URL}" } },
      { name: "analytics", kind: "clickhouse", connection: { url: "${CH_URL}" } },
    ],
    tables: [
      { name: "zones", source: "accounts", physical: "accounts.zones", description: "Zones.", owner: "#a", grain: "zone", freshness: { column: "created_at", maxLag: "6h" }, columns: [{ name: "zone_id", type: "BIGINT" }, { name: "created_at", type: "TIMESTAMP" }] },
      { name: "http_requests", source: "analytics", physical: `${ch.name}.http_requests`, description: "Requests.", owner: "#a", grain: "request", freshness: { column: "ts", maxLag: "15m" }, columns: [{ name: "ts", type: "DateTime" }, { name: "zone_id", type: "UInt64" }] },
    ],
  });
  const env = { PG_URL: pg.url, CH_URL: ch.url };
  sources = new Map([...catalog.sources.values()].map((source) => [source.name, recording(createSourceAdapter(source, env))]));
});

afterAll(async () => {
  await Promise.allSettled([...(sources?.values() ?? [])].map((source) => source.close()));
  await pg?.drop();
  await ch?.drop();
});

describe("live caveats on real sources", () => {
  it("checks freshness with max() on the source itself, caches it per table, and says when data is stale", async () => {
    const engine = createEngine({ catalog, sources, limits, clock: fixedClock(now), logger: silentLogger });
    const query = { id: "q1", source: "accounts", sql: "SELECT count(*) AS n FROM accounts.zones WHERE created_at >= TIMESTAMP '2026-11-30 00:00:00'", purpose: "signups today", window: today };
    const [first, fresh] = await engine.runAll([query, { id: "q2", source: "analytics", sql: `SELECT count() AS n FROM ${ch.name}.http_requests WHERE ts >= toDateTime('2026-11-30 00:00:00', 'UTC')`, purpose: "requests today", window: today }]);
    expect(first?.caveats).toEqual([expect.objectContaining({ kind: "stale", table: "accounts.zones" })]);
    expect(first?.caveats[0]?.message).toMatch(/2026-11-27/);
    expect(fresh?.caveats).toEqual([]);
    await engine.run({ ...query, id: "q3" });
    const accounts = sources.get("accounts")?.statements ?? [];
    expect(accounts.filter((sql) => /max\("created_at"\)/.test(sql))).toHaveLength(1);
    expect(sources.get("analytics")?.statements.some((sql) => sql.includes("max(`ts`)"))).toBe(true);
  });

  it("a source that times out becomes a partial caveat while the other answers, within the deadline", async () => {
    const engine = createEngine({ catalog, sources, limits, clock: fixedClock(now), logger: silentLogger });
    const started = performance.now();
    const executed = await engine.runAll([
      { id: "q1", source: "accounts", sql: "SELECT count(*) AS n FROM accounts.zones", purpose: "zones" },
      { id: "q2", source: "analytics", sql: `SELECT sum(arraySum(arrayMap(x -> cityHash64(x, zone_id) % 7, range(200)))) AS s FROM ${ch.name}.http_requests`, purpose: "a slow scan" },
    ]);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(executed[0]?.result?.rows).toEqual([[100]]);
    expect(executed[1]?.error?.code).toBe("QUERY_TIMEOUT");
    expect(partialCaveat(executed)?.message).toMatch(/q2 on analytics \(a slow scan\) failed: the query on analytics ran longer than 1000 ms/);
  });
});
