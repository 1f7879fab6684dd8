import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSchema } from "../../catalog/model/source-schema.js";
import { isSkiffError, type SkiffError } from "../../shared/errors.js";
import { peakRss } from "../../test/fixtures/peak-rss.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "../../test/fixtures/postgres-test-database.js";
import { createStallingTcpProxy } from "../../test/fixtures/stalling-tcp-proxy.js";
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
    CREATE SEQUENCE accounts.counter;
    CREATE TABLE accounts.accounts AS SELECT g AS id FROM generate_series(1, 1000) g;`);
  adapter = createPostgresSource({
    source: sourceSchema.parse({ name: "accounts", kind: "postgres", connection: { url: "${ACCOUNTS_URL}" } }),
    env: { ACCOUNTS_URL: db.url },
  });
});

afterAll(async () => {
  await adapter?.close();
  await db?.drop();
});

function postgres(name: string, url: string, poolSize?: number) {
  return createPostgresSource({ source: sourceSchema.parse({ name, kind: "postgres", connection: { url: "${URL}" } }), env: { URL: url }, ...(poolSize ? { poolSize } : {}) });
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

/** Resolves when `probe` holds, checking every 50 ms; rejects after `withinMs`. */
async function eventually(probe: () => Promise<boolean>, withinMs: number, what: string): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const activeSkiffQueries = async () =>
  ((await db.exec("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'skiff' AND state = 'active'")).rows[0] as { n: number } | undefined)?.n;

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

describe("postgres source: limits that hold", () => {
  // Timeouts here are 1 s; "ended in time" allows the 2 s grace and 3 s more for a loaded machine.
  const slack = 1_000 + 2_000 + 3_000;

  it("gives up on a server that never answers at its deadline, with QUERY_TIMEOUT, and leaves no connection behind", async () => {
    const silent = await createStallingTcpProxy();
    const hung = postgres("hung", `postgres://postgres@127.0.0.1:${silent.port}/postgres`, 2);
    try {
      // More statements than the pool has connections: the ones waiting for a connection give up in time too.
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => timed(hung.query("SELECT 1", { timeoutMs: 1_000, maxRows: 1 }))));
      for (const { error, ms } of outcomes) {
        expect(error?.code).toBe("QUERY_TIMEOUT");
        expect(error?.message).toMatch(/^hung did not answer within 2\.5 s/);
        expect(ms).toBeLessThan(slack);
      }
      expect(outcomes.some(({ error }) => /connections to it were busy/.test(error?.message ?? ""))).toBe(true);
      // Connections the pool was still opening end at its 5 s connect timeout.
      await silent.waitForOpenConnections(0, 20_000);
    } finally {
      await hung.close();
      await silent.close();
    }
  });

  it("when a server stops answering mid-way, drops those connections and answers again once it does, more times than the pool is large", async () => {
    const { port } = new URL(db.url);
    const proxy = await createStallingTcpProxy({ host: "127.0.0.1", port: Number(port || 5432) });
    const flaky = postgres("flaky", db.url.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${proxy.port}`), 2);
    try {
      expect((await flaky.query("SELECT count(*)::int AS n FROM accounts.accounts", options)).rows).toEqual([[1000]]);
      proxy.stall();
      for (let round = 0; round < 2; round += 1) {
        const outcomes = await Promise.all(Array.from({ length: 3 }, () => timed(flaky.query("SELECT 1", { timeoutMs: 1_000, maxRows: 1 }))));
        for (const { error, ms } of outcomes) {
          expect(error?.code).toBe("QUERY_TIMEOUT");
          expect(ms).toBeLessThan(slack);
        }
      }
      proxy.resume();
      expect((await flaky.query("SELECT 2 AS two", options)).rows).toEqual([[2]]);
      expect((await flaky.query("SELECT 3 AS three", options)).rows).toEqual([[3]]);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("a backend terminated mid-query is a clean SkiffError, and the next query works", async () => {
    const running = timed(adapter.query("SELECT pg_sleep(30)", { timeoutMs: 20_000, maxRows: 1 }));
    await eventually(async () => (await activeSkiffQueries()) === 1, 10_000, "the pg_sleep reaching the server");
    await db.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'skiff' AND state = 'active'");
    const { error, ms } = await running;
    expect(error?.code).toBe("SOURCE_UNAVAILABLE");
    expect(error?.message).toMatch(/terminating connection/);
    expect(ms).toBeLessThan(10_000);
    expect((await adapter.query("SELECT 1 AS ok", options)).rows).toEqual([[1]]);
  });

  it("cancels the backend itself when the caller gives up, long before statement_timeout would", async () => {
    const controller = new AbortController();
    const running = timed(adapter.query("SELECT pg_sleep(30)", { timeoutMs: 20_000, maxRows: 1, signal: controller.signal }));
    await eventually(async () => (await activeSkiffQueries()) === 1, 10_000, "the pg_sleep reaching the server");
    controller.abort(new Error("the run's deadline passed"));
    const { error, ms } = await running;
    expect(error?.message).toBe("the query on accounts was cancelled: the run's deadline passed");
    expect(ms).toBeLessThan(10_000);
    // A destroyed connection alone would leave pg_sleep running for 30 s.
    await eventually(async () => (await activeSkiffQueries()) === 0, 10_000, "the backend going idle");
  });

  it("says a source is busy when every connection stays taken", async () => {
    const single = postgres("single", db.url, 1);
    try {
      const sleeper = single.query("SELECT pg_sleep(8)", { timeoutMs: 20_000, maxRows: 1 });
      await eventually(async () => (await activeSkiffQueries()) === 1, 10_000, "the pg_sleep reaching the server");
      const { error } = await timed(single.query("SELECT 1", { timeoutMs: 20_000, maxRows: 1 }));
      expect(error?.code).toBe("SOURCE_UNAVAILABLE");
      expect(error?.message).toMatch(/^source single is busy: all 1 of Skiff's connections to it are running statements/);
      await sleeper;
    } finally {
      await single.close();
    }
  });

  it("cuts cells and stops at the result cap while reading, so 1,000 rows of 5 MB never reach memory", async () => {
    const { value: result, grewBytes } = await peakRss(() => adapter.query("SELECT id, repeat('x', 5000000) AS s FROM accounts.accounts", { timeoutMs: 30_000, maxRows: 10_000 }));
    expect(result.truncated).toBe(true);
    expect(result.rowCount).toBeGreaterThan(200);
    expect(result.rowCount).toBeLessThan(260);
    for (const [, cell] of result.rows) {
      expect(Buffer.byteLength(String(cell))).toBeLessThanOrEqual(64 * 1024);
      expect(String(cell)).toMatch(/^x+…\[cut at 64 KiB\]$/);
    }
    expect(grewBytes).toBeLessThan(500 * 1024 * 1024);
    const small = await adapter.query("SELECT id, repeat('é', 10) AS s FROM accounts.accounts", { ...options, maxRows: 10_000, maxResultBytes: 10_000 });
    expect(small.truncated).toBe(true);
    expect(small.rowCount).toBeLessThan(1000);
  });
});

describe("postgres source: credentials", () => {
  it("warns about a superuser, and about a role that can write, and not about a reader", async () => {
    const suffix = db.name.slice(-10);
    const reader = `skiff_reader_${suffix}`;
    const writer = `skiff_writer_${suffix}`;
    await db.exec(`
      CREATE ROLE ${reader} LOGIN; CREATE ROLE ${writer} LOGIN;
      GRANT USAGE ON SCHEMA accounts TO ${reader}, ${writer};
      GRANT SELECT ON ALL TABLES IN SCHEMA accounts TO ${reader}, ${writer};
      GRANT INSERT, UPDATE ON accounts.zones TO ${writer};
      ALTER ROLE ${reader} SET default_transaction_read_only = on;`);
    const as = (role: string) => postgres(role, db.url.replace("postgres://postgres@", `postgres://${role}@`));
    const readerSource = as(reader);
    const writerSource = as(writer);
    try {
      const superuser = (await adapter.checkCredentials?.()) ?? [];
      expect(superuser).toHaveLength(1);
      expect(superuser[0]).toMatch(/^accounts logs in as postgres, a superuser, which can write anything/);
      expect(await readerSource.checkCredentials?.()).toEqual([]);
      const written = (await writerSource.checkCredentials?.()) ?? [];
      expect(written).toEqual([`${writer} logs in as ${writer}, which can write to accounts.zones; grant it SELECT only`]);
      expect((await readerSource.query("SELECT count(*)::int AS n FROM accounts.accounts", options)).rows).toEqual([[1000]]);
    } finally {
      await readerSource.close();
      await writerSource.close();
      await db.exec(`DROP OWNED BY ${reader}, ${writer}; DROP ROLE ${reader}; DROP ROLE ${writer};`);
    }
  });
});
