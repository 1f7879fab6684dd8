import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSchema } from "../../catalog/model/source-schema.js";
import { isSkiffError } from "../../shared/errors.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "../../test/fixtures/clickhouse-test-database.js";
import { createClickHouseSource } from "./clickhouse-source.js";
import type { SourceAdapter } from "./source-adapter.js";

let db: ClickHouseTestDatabase;
let adapter: SourceAdapter;
const options = { timeoutMs: 5_000, maxRows: 100 };

beforeAll(async () => {
  db = await createClickHouseTestDatabase();
  await db.exec(`CREATE TABLE ${db.name}.http_requests (ts DateTime('UTC'), zone_id UInt64, country Nullable(String), status UInt16, bytes Float64) ENGINE = MergeTree ORDER BY ts`);
  await db.exec(`INSERT INTO ${db.name}.http_requests VALUES ('2026-11-30 09:00:00', 1, 'PT', 200, 1.5), ('2026-11-30 10:00:00', 18446744073709551615, NULL, 500, 2), ('2026-11-30 11:00:00', 2, 'tab\\there', 404, 0)`);
  await db.exec(`INSERT INTO ${db.name}.http_requests SELECT toDateTime('2026-11-01 00:00:00', 'UTC'), number + 100, 'US', 200, 1 FROM system.numbers LIMIT 20000`);
  adapter = createClickHouseSource({
    source: sourceSchema.parse({ name: "analytics", kind: "clickhouse", connection: { url: "${ANALYTICS_URL}", database: db.name } }),
    env: { ANALYTICS_URL: db.url },
  });
});

afterAll(async () => {
  await adapter?.close();
  await db?.drop();
});

async function refusal(sql: string, opts = options) {
  const error: unknown = await adapter.query(sql, opts).then(() => undefined, (e: unknown) => e);
  if (!isSkiffError(error)) throw new Error(`expected a SkiffError for ${sql}, got ${String(error)}`);
  return error;
}

describe("clickhouse source", () => {
  it("reads rows as the cells every adapter returns: UInt64 as numbers when exact, DateTime as UTC ISO", async () => {
    const result = await adapter.query(`SELECT ts, zone_id, country, status, bytes FROM ${db.name}.http_requests WHERE zone_id < 100 OR zone_id > 1000000 ORDER BY ts`, options);
    expect(result.columns).toEqual([
      { name: "ts", type: "DateTime('UTC')" },
      { name: "zone_id", type: "UInt64" },
      { name: "country", type: "Nullable(String)" },
      { name: "status", type: "UInt16" },
      { name: "bytes", type: "Float64" },
    ]);
    expect(result.rows).toEqual([
      ["2026-11-30T09:00:00.000Z", 1, "PT", 200, 1.5],
      ["2026-11-30T10:00:00.000Z", "18446744073709551615", null, 500, 2],
      ["2026-11-30T11:00:00.000Z", 2, "tab\there", 404, 0],
    ]);
  });

  it("stops at the row cap on the server and says so", async () => {
    const cut = await adapter.query(`SELECT zone_id FROM ${db.name}.http_requests`, { ...options, maxRows: 50 });
    expect(cut).toMatchObject({ rowCount: 50, truncated: true });
    const exact = await adapter.query(`SELECT count() AS n FROM ${db.name}.http_requests`, { ...options, maxRows: 1 });
    expect(exact).toMatchObject({ rows: [[20003]], truncated: false });
  });

  it("runs readonly=1, so a write or a settings change the guard missed is refused by ClickHouse", async () => {
    expect((await refusal(`INSERT INTO ${db.name}.http_requests VALUES ('2026-11-30 09:00:00', 7, 'PT', 200, 1)`)).detail).toMatchObject({ rule: "engine-read-only" });
    expect((await refusal(`DROP TABLE ${db.name}.http_requests`)).detail).toMatchObject({ rule: "engine-read-only" });
    expect((await refusal(`SELECT 1 SETTINGS max_result_rows = 0`)).detail).toMatchObject({ rule: "engine-read-only" });
    expect(await db.rows(`SELECT count() AS n FROM ${db.name}.http_requests`)).toEqual([{ n: "20003" }]);
  });

  it("refuses a batch before sending it", async () => {
    expect((await refusal(`SELECT 1; DROP TABLE ${db.name}.http_requests`)).detail).toMatchObject({ rule: "one-statement" });
  });

  it("stops a slow statement at max_execution_time", async () => {
    const error = await refusal("SELECT count() FROM system.numbers WHERE number % 3 = 7", { timeoutMs: 1_000, maxRows: 1 });
    expect(error.code).toBe("QUERY_TIMEOUT");
  });

  it("passes a health check, and a server that is down is unavailable", async () => {
    await adapter.healthCheck();
    const down = createClickHouseSource({ source: sourceSchema.parse({ name: "down", kind: "clickhouse", connection: { url: "http://127.0.0.1:1" } }), env: {} });
    try {
      const error: unknown = await down.healthCheck().then(() => undefined, (e: unknown) => e);
      expect(isSkiffError(error, "SOURCE_UNAVAILABLE")).toBe(true);
    } finally {
      await down.close();
    }
  });

  it("reports a failing statement in ClickHouse's words", async () => {
    const error = await refusal(`SELECT nope FROM ${db.name}.http_requests`);
    expect(error.code).toBe("SQL_FAILED");
    expect(error.message).toMatch(/nope/);
  });
});
