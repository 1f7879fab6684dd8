import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSchema } from "../../catalog/model/source-schema.js";
import { isSkiffError } from "../../shared/errors.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "../../test/fixtures/postgres-test-database.js";
import { createPostgresSource } from "./postgres-source.js";
import type { SourceAdapter } from "./source-adapter.js";

let db: PostgresTestDatabase;
let adapter: SourceAdapter;
const options = { timeoutMs: 5_000, maxRows: 100 };

beforeAll(async () => {
  db = await createPostgresTestDatabase();
  await db.exec(`
    CREATE SCHEMA accounts;
    CREATE TABLE accounts.zones (zone_id BIGINT, domain TEXT, price NUMERIC(10,2), active BOOLEAN, created_at TIMESTAMP, seen TIMESTAMPTZ, day DATE);
    INSERT INTO accounts.zones VALUES
      (1, 'ada.dev', 10.50, true, '2026-11-30 08:00:00', '2026-11-30 09:00:00+01', '2026-11-30'),
      (9007199254740993, 'big.dev', NULL, false, NULL, NULL, NULL);
    INSERT INTO accounts.zones SELECT g, 'z' || g || '.dev', 1, true, '2026-11-01', now(), '2026-11-01' FROM generate_series(10, 309) g;
    CREATE SEQUENCE accounts.counter;`);
  adapter = createPostgresSource({
    source: sourceSchema.parse({ name: "accounts", kind: "postgres", connection: { url: "${ACCOUNTS_URL}" } }),
    env: { ACCOUNTS_URL: db.url },
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

describe("postgres source", () => {
  it("reads rows as the cells every adapter returns, with type names", async () => {
    const result = await adapter.query("SELECT zone_id, domain, price, active, created_at, seen, day FROM accounts.zones WHERE zone_id < 10 OR zone_id > 1000 ORDER BY zone_id", options);
    expect(result.columns.map((c) => c.type)).toEqual(["BIGINT", "TEXT", "NUMERIC", "BOOLEAN", "TIMESTAMP", "TIMESTAMPTZ", "DATE"]);
    expect(result.rows).toEqual([
      [1, "ada.dev", 10.5, true, "2026-11-30T08:00:00.000Z", "2026-11-30T08:00:00.000Z", "2026-11-30"],
      ["9007199254740993", "big.dev", null, false, null, null, null],
    ]);
    expect(result.truncated).toBe(false);
  });

  it("stops at the row cap through the cursor and says so", async () => {
    const exact = await adapter.query("SELECT zone_id FROM accounts.zones", { ...options, maxRows: 302 });
    expect(exact).toMatchObject({ rowCount: 302, truncated: false });
    const cut = await adapter.query("SELECT zone_id FROM accounts.zones", { ...options, maxRows: 50 });
    expect(cut).toMatchObject({ rowCount: 50, truncated: true });
  });

  it("runs every statement read only, so a write the guard missed is refused by Postgres", async () => {
    expect((await refusal("SELECT nextval('accounts.counter')")).detail).toMatchObject({ rule: "engine-read-only" });
    const cte = await refusal("WITH gone AS (DELETE FROM accounts.zones RETURNING zone_id) SELECT count(*) FROM gone");
    expect(cte.code).toBe("SQL_REJECTED");
    const count = await db.exec("SELECT count(*)::int AS n FROM accounts.zones");
    expect(count.rows[0]).toEqual({ n: 302 });
  });

  it("refuses a batch before sending it", async () => {
    const error = await refusal("SELECT 1; DROP TABLE accounts.zones");
    expect(error.detail).toMatchObject({ rule: "one-statement" });
    expect((await db.exec("SELECT count(*)::int AS n FROM accounts.zones")).rows[0]).toEqual({ n: 302 });
  });

  it("stops a slow statement at the timeout", async () => {
    const started = performance.now();
    const error = await refusal("SELECT pg_sleep(5)", { timeoutMs: 300, maxRows: 1 });
    expect(error.code).toBe("QUERY_TIMEOUT");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await adapter.query("SELECT 1 AS ok", options)).rows).toEqual([[1]]);
  });

  it("passes a health check, and a source that is down is unavailable", async () => {
    await adapter.healthCheck();
    const down = createPostgresSource({ source: sourceSchema.parse({ name: "down", kind: "postgres", connection: { host: "127.0.0.1", port: "1" } }), env: {} });
    try {
      const error: unknown = await down.healthCheck().then(() => undefined, (e: unknown) => e);
      expect(isSkiffError(error, "SOURCE_UNAVAILABLE")).toBe(true);
    } finally {
      await down.close();
    }
  });

  it("reports a failing statement in Postgres' words", async () => {
    const error = await refusal("SELECT nope FROM accounts.zones");
    expect(error.code).toBe("SQL_FAILED");
    expect(error.message).toMatch(/column "nope" does not exist/);
  });
});
