import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSchema } from "../../catalog/model/source-schema.js";
import { isSkiffError, type SkiffError } from "../../shared/errors.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "../../test/fixtures/clickhouse-test-database.js";
import { peakRss } from "../../test/fixtures/peak-rss.js";
import { createStallingTcpProxy } from "../../test/fixtures/stalling-tcp-proxy.js";
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
  await db.exec(`CREATE TABLE ${db.name}.accounts (id UInt64) ENGINE = MergeTree ORDER BY id`);
  await db.exec(`INSERT INTO ${db.name}.accounts SELECT number FROM system.numbers LIMIT 1000`);
  adapter = createClickHouseSource({
    source: sourceSchema.parse({ name: "analytics", kind: "clickhouse", connection: { url: "${ANALYTICS_URL}", database: db.name } }),
    env: { ANALYTICS_URL: db.url },
  });
});

afterAll(async () => {
  await adapter?.close();
  await db?.drop();
});

function clickhouse(name: string, url: string) {
  return createClickHouseSource({ source: sourceSchema.parse({ name, kind: "clickhouse", connection: { url, database: db.name } }), env: {} });
}

/** The statement's outcome and how long the call took to end. */
async function timed(work: Promise<unknown>): Promise<{ error: SkiffError | undefined; ms: number }> {
  const started = performance.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => {
      if (isSkiffError(e)) return e;
      throw e;
    },
  );
  return { error, ms: performance.now() - started };
}

/** A string of n x's, made anew for each row (ClickHouse 18.16 has no repeat()). */
const xs = (n: number) => `arrayStringConcat(arrayMap(x -> 'x', range(${n})))`;

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

describe("clickhouse source: limits that hold", () => {
  // Timeouts here are 1 s; "ended in time" allows the 2 s grace and 3 s more for a loaded machine.
  const slack = 1_000 + 2_000 + 3_000;

  it("gives up on a server that never answers at its deadline, with QUERY_TIMEOUT, and leaves no connection behind", async () => {
    const silent = await createStallingTcpProxy();
    const hung = clickhouse("hung", `http://127.0.0.1:${silent.port}`);
    try {
      // More statements than the client opens connections (8), so some wait for a socket.
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => timed(hung.query("SELECT 1", { timeoutMs: 1_000, maxRows: 1 }))));
      for (const { error, ms } of outcomes) {
        expect(error?.code).toBe("QUERY_TIMEOUT");
        expect(error?.message).toMatch(/^hung did not answer within 3 s/);
        expect(ms).toBeLessThan(slack);
      }
      // Every request was aborted (the readonly probe gives up after 10 s of its own): nothing is left open.
      await silent.waitForOpenConnections(0, 20_000);
    } finally {
      await hung.close();
      await silent.close();
    }
  });

  it("when a server stops answering mid-way, aborts those requests and answers again once it does", async () => {
    const proxy = await createStallingTcpProxy({ host: "127.0.0.1", port: Number(new URL(db.url).port || 8123) });
    const flaky = clickhouse("flaky", `http://127.0.0.1:${proxy.port}`);
    try {
      expect((await flaky.query(`SELECT count() AS n FROM ${db.name}.accounts`, options)).rows).toEqual([[1000]]);
      proxy.stall();
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => timed(flaky.query("SELECT 1", { timeoutMs: 1_000, maxRows: 1 }))));
      for (const { error, ms } of outcomes) {
        expect(error?.code).toBe("QUERY_TIMEOUT");
        expect(ms).toBeLessThan(slack);
      }
      proxy.resume();
      expect((await flaky.query("SELECT 2 AS two", options)).rows).toEqual([[2]]);
      expect((await flaky.query("SELECT 3 AS three", options)).rows).toEqual([[3]]);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("ends a cross join that would take gigabytes with a clear memory limit error", async () => {
    const { value: error, grewBytes } = await peakRss(() =>
      refusal(
        "SELECT length(groupArray(a.number + b.number)) AS n FROM (SELECT number FROM system.numbers LIMIT 100000) AS a CROSS JOIN (SELECT number FROM system.numbers LIMIT 100000) AS b",
        { timeoutMs: 30_000, maxRows: 1 },
      ),
    );
    expect(error.code).toBe("TOO_EXPENSIVE");
    expect(error.message).toMatch(/^the query on analytics needed more memory than Skiff lets one query use \(1 GiB, SKIFF_MAX_QUERY_MEMORY_BYTES\)/);
    expect(error.message).toMatch(/Memory limit \(for query\) exceeded/);
    expect(grewBytes).toBeLessThan(500 * 1024 * 1024);
    expect((await adapter.query("SELECT 1 AS ok", options)).rows).toEqual([[1]]);
  });

  it("cuts cells and stops at the result cap while reading; 1,000 rows of 5 MB end at the memory limit", async () => {
    // A 100 KB literal: one value, written into every row of the result.
    const { value: cut, grewBytes } = await peakRss(() => adapter.query(`SELECT id, '${"x".repeat(100_000)}' AS s FROM ${db.name}.accounts`, { timeoutMs: 30_000, maxRows: 10_000 }));
    expect(cut.truncated).toBe(true);
    expect(cut.rowCount).toBeGreaterThan(200);
    expect(cut.rowCount).toBeLessThan(260);
    for (const [, cell] of cut.rows) {
      expect(Buffer.byteLength(String(cell))).toBeLessThanOrEqual(64 * 1024);
      expect(String(cell)).toMatch(/^x+…\[cut at 64 KiB\]$/);
    }
    expect(grewBytes).toBeLessThan(500 * 1024 * 1024);
    const { value: huge, grewBytes: hugeGrew } = await peakRss(() => refusal(`SELECT id, ${xs(5_000_000)} AS s FROM ${db.name}.accounts`, { timeoutMs: 30_000, maxRows: 10_000 }));
    expect(huge.code).toBe("TOO_EXPENSIVE");
    expect(hugeGrew).toBeLessThan(500 * 1024 * 1024);
  });

  it("refuses a statement that sets its own settings", async () => {
    const error = await refusal(`SELECT count() FROM ${db.name}.accounts SETTINGS max_memory_usage = 0`);
    expect(error.message).toMatch(/does not let a statement change its settings \(SETTINGS max_memory_usage = …\)/);
    expect((await adapter.query("SELECT name FROM system.settings WHERE name = 'readonly'", options)).rows).toEqual([["readonly"]]);
  });

  it("warns that a user whose profile is not readonly can write", async () => {
    expect(await adapter.checkCredentials?.()).toEqual([
      'analytics connects as ClickHouse user default, whose profile has readonly = 0, so it can write and change settings; give it a profile with readonly = 2 (README: "Real sources")',
    ]);
  });
});
