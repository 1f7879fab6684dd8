import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSkiffError } from "../../shared/errors.js";
import { TEST_AS_OF, demoLakePath } from "../../test/fixtures/demo-lake.js";
import { seedDemoLake, type SeedSummary } from "./seed-demo-lake.js";

type Row = Record<string, string | number | boolean | null>;

/** Runs queries on a lake through its own read-only instance, as Skiff's query workers open it. */
async function query(path: string, sql: string): Promise<Row[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Row[];
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

async function one(path: string, sql: string): Promise<Row> {
  const [row] = await query(path, sql);
  if (row === undefined) throw new Error(`no row from: ${sql}`);
  return row;
}

/** Order-sensitive checksum of every table (rowid makes row order count). */
async function checksums(path: string): Promise<Row> {
  return one(
    path,
    `SELECT
       (SELECT sum(hash(rowid, t))::VARCHAR FROM accounts.accounts t) AS accounts,
       (SELECT sum(hash(rowid, t))::VARCHAR FROM accounts.zones t) AS zones,
       (SELECT sum(hash(rowid, t))::VARCHAR FROM analytics.http_requests t) AS http_requests,
       (SELECT sum(hash(rowid, t))::VARCHAR FROM billing.usage_daily t) AS usage_daily`,
  );
}

const asOfSql = "TIMESTAMP '2026-11-30 12:00:00'";
const todaySql = "TIMESTAMP '2026-11-30 00:00:00'";

/** Today's zones ranked by sum(sample_interval), with whether each signed up today. */
const todayRankSql = `
  WITH today AS (
    SELECT zone_id, sum(sample_interval) AS requests
    FROM analytics.http_requests WHERE ts >= ${todaySql} AND ts < ${asOfSql}
    GROUP BY zone_id
  )
  SELECT row_number() OVER (ORDER BY requests DESC, zone_id) AS rank, zone_id, requests::DOUBLE AS requests,
         z.created_at >= ${todaySql} AS signed_up_today
  FROM today JOIN accounts.zones z USING (zone_id)
  ORDER BY rank`;

let dir: string;
let small: SeedSummary;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-seed-test-"));
  small = await seedDemoLake({ asOf: TEST_AS_OF, scale: 0.1, out: join(dir, "nested", "small.duckdb") });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("seedDemoLake", () => {
  it("creates exactly the documented tables, columns and types", async () => {
    const columns = await query(
      small.out,
      `SELECT table_schema || '.' || table_name AS tbl, column_name, data_type
       FROM information_schema.columns ORDER BY table_schema, table_name, ordinal_position`,
    );
    const byTable: Record<string, string[]> = {};
    for (const column of columns) {
      (byTable[String(column.tbl)] ??= []).push(`${String(column.column_name)} ${String(column.data_type)}`);
    }
    expect(byTable).toEqual({
      "accounts.accounts": [
        "account_id BIGINT", "name VARCHAR", "email VARCHAR", "plan VARCHAR", "country VARCHAR", "created_at TIMESTAMP",
      ],
      "accounts.zones": [
        "zone_id BIGINT", "account_id BIGINT", "domain VARCHAR", "plan VARCHAR", "status VARCHAR", "created_at TIMESTAMP",
      ],
      "analytics.http_requests": [
        "ts TIMESTAMP", "zone_id BIGINT", "country VARCHAR", "status SMALLINT", "cache_status VARCHAR",
        "edge_response_bytes BIGINT", "client_ip VARCHAR", "sample_interval INTEGER",
      ],
      "billing.usage_daily": [
        "usage_date DATE", "account_id BIGINT", "product VARCHAR", "quantity DOUBLE", "cost_usd DECIMAL(12,2)",
      ],
    });
  });

  it("reports what it wrote and leaves no temporary files", async () => {
    expect(small).toMatchObject({ asOf: "2026-11-30T12:00:00.000Z", scale: 0.1 });
    const counts = await one(
      small.out,
      `SELECT (SELECT count(*) FROM accounts.accounts)::INTEGER AS a, (SELECT count(*) FROM accounts.zones)::INTEGER AS z,
              (SELECT count(*) FROM analytics.http_requests)::INTEGER AS r, (SELECT count(*) FROM billing.usage_daily)::INTEGER AS u`,
    );
    expect(small.tables).toEqual({
      "accounts.accounts": counts.a,
      "accounts.zones": counts.z,
      "analytics.http_requests": counts.r,
      "billing.usage_daily": counts.u,
    });
    expect(existsSync(`${small.out}.tmp`)).toBe(false);
    expect(existsSync(`${small.out}.wal`)).toBe(false);
  });

  it("is deterministic: the same asOf and scale give the same rows, another asOf different ones", async () => {
    const again = await seedDemoLake({ asOf: TEST_AS_OF, scale: 0.1, out: join(dir, "again.duckdb") });
    const other = await seedDemoLake({
      asOf: new Date("2026-11-29T12:00:00Z"),
      scale: 0.1,
      out: join(dir, "other.duckdb"),
    });
    const first = await checksums(small.out);
    expect(await checksums(again.out)).toEqual(first);
    const different = await checksums(other.out);
    for (const table of Object.keys(first)) expect(different[table]).not.toEqual(first[table]);
  });

  it("replaces an existing lake in place", async () => {
    const out = join(dir, "replaced.duckdb");
    await seedDemoLake({ asOf: new Date("2026-11-29T12:00:00Z"), scale: 0.1, out });
    await seedDemoLake({ asOf: TEST_AS_OF, scale: 0.1, out });
    expect(await checksums(out)).toEqual(await checksums(small.out));
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });

  it("keeps request logs to 30 days, about two minutes behind asOf, and usage through yesterday", async () => {
    const times = await one(
      small.out,
      `SELECT
         (SELECT min(ts) >= ${asOfSql} - INTERVAL 30 DAY FROM analytics.http_requests) AS retention_ok,
         (SELECT max(ts) BETWEEN ${asOfSql} - INTERVAL 5 MINUTE AND ${asOfSql} - INTERVAL 1 MINUTE
            FROM analytics.http_requests) AS freshness_ok,
         (SELECT max(usage_date)::VARCHAR FROM billing.usage_daily) AS newest_usage,
         (SELECT min(usage_date)::VARCHAR FROM billing.usage_daily) AS oldest_usage`,
    );
    expect(times).toEqual({
      retention_ok: true,
      freshness_ok: true,
      newest_usage: "2026-11-29",
      oldest_usage: "2026-09-01",
    });
  });

  it("keeps the timeline consistent: nothing after asOf, zones after their accounts, requests after their zones", async () => {
    const violations = await one(
      small.out,
      `SELECT
         (SELECT count(*) FROM accounts.accounts WHERE created_at >= ${asOfSql})::INTEGER AS future_accounts,
         (SELECT count(*) FROM accounts.zones WHERE created_at >= ${asOfSql})::INTEGER AS future_zones,
         (SELECT count(*) FROM accounts.zones z JOIN accounts.accounts a USING (account_id)
            WHERE z.created_at < a.created_at)::INTEGER AS zones_before_account,
         (SELECT count(*) FROM accounts.zones z LEFT JOIN accounts.accounts a USING (account_id)
            WHERE a.account_id IS NULL)::INTEGER AS orphan_zones,
         (SELECT count(*) FROM analytics.http_requests r JOIN accounts.zones z USING (zone_id)
            WHERE r.ts < z.created_at)::INTEGER AS requests_before_zone,
         (SELECT count(*) FROM billing.usage_daily u JOIN accounts.accounts a USING (account_id)
            WHERE u.usage_date < a.created_at::DATE)::INTEGER AS usage_before_account,
         (SELECT count(*) - count(DISTINCT domain) FROM accounts.zones)::INTEGER AS duplicate_domains,
         (SELECT count(*) - count(DISTINCT (usage_date, account_id, product)) FROM billing.usage_daily)::INTEGER
           AS duplicate_usage`,
    );
    expect(violations).toEqual({
      future_accounts: 0,
      future_zones: 0,
      zones_before_account: 0,
      orphan_zones: 0,
      requests_before_zone: 0,
      usage_before_account: 0,
      duplicate_domains: 0,
      duplicate_usage: 0,
    });
  });

  it("uses only the documented values", async () => {
    const values = await one(
      small.out,
      `SELECT
         (SELECT list(DISTINCT plan ORDER BY plan) FROM accounts.accounts)::VARCHAR AS account_plans,
         (SELECT list(DISTINCT status ORDER BY status) FROM accounts.zones)::VARCHAR AS zone_statuses,
         (SELECT list(DISTINCT sample_interval ORDER BY sample_interval) FROM analytics.http_requests)::VARCHAR AS intervals,
         (SELECT list(DISTINCT product ORDER BY product) FROM billing.usage_daily)::VARCHAR AS products,
         (SELECT bool_and(status IN (200, 204, 301, 302, 304, 400, 403, 404, 429, 500, 502, 503, 504))
            FROM analytics.http_requests) AS statuses_ok,
         (SELECT bool_and(cache_status IN ('hit', 'miss', 'expired', 'bypass', 'dynamic', 'revalidated'))
            FROM analytics.http_requests) AS cache_ok,
         (SELECT bool_and(regexp_full_match(client_ip, '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}'))
            FROM analytics.http_requests) AS ips_ok,
         (SELECT bool_and(regexp_full_match(email, '[a-z-]+\\.[a-z-]+@[a-z0-9-]+\\.example')) FROM accounts.accounts) AS emails_ok,
         (SELECT bool_and(length(country) = 2) FROM accounts.accounts) AS countries_ok`,
    );
    expect(values).toEqual({
      account_plans: "[business, enterprise, free, pro]",
      zone_statuses: "[active, deactivated, moved, pending]",
      intervals: "[1, 10, 100]",
      products: "[cdn, images, r2_operations, r2_storage, workers]",
      statuses_ok: true,
      cache_ok: true,
      ips_ok: true,
      emails_ok: true,
      countries_ok: true,
    });
  });

  it("has today's signups, a launch in today's top 100, and new enterprise accounts this month at scale 0.1", async () => {
    const signups = await one(
      small.out,
      `SELECT
         (SELECT count(*) FROM accounts.zones WHERE created_at >= ${todaySql} AND created_at < ${asOfSql})::INTEGER AS today,
         (SELECT count(DISTINCT created_at::DATE) FROM accounts.zones
            WHERE created_at >= ${todaySql} - INTERVAL 90 DAY AND created_at < ${todaySql})::INTEGER AS recent_days,
         (SELECT count(*) FROM accounts.accounts
            WHERE plan = 'enterprise' AND created_at >= TIMESTAMP '2026-11-01' AND created_at < ${asOfSql})::INTEGER
           AS enterprise_this_month`,
    );
    expect(signups.today).toBeGreaterThanOrEqual(5);
    expect(signups.recent_days).toBe(90);
    expect(signups.enterprise_this_month).toBeGreaterThanOrEqual(3);
    const ranks = await query(small.out, todayRankSql);
    expect(ranks.slice(0, 100).filter((row) => row.signed_up_today).length).toBeGreaterThanOrEqual(1);
    expect(ranks[99]?.requests).not.toBe(ranks[100]?.requests);
  });

  it("puts an enterprise signup earlier on asOf's day when asOf is the 1st of a month", async () => {
    const firstOfMonth = await seedDemoLake({
      asOf: new Date("2026-12-01T00:30:00Z"),
      scale: 0.1,
      out: join(dir, "first-of-month.duckdb"),
    });
    const row = await one(
      firstOfMonth.out,
      `SELECT
         (SELECT count(*) FROM accounts.accounts WHERE plan = 'enterprise'
            AND created_at >= TIMESTAMP '2026-12-01' AND created_at < TIMESTAMP '2026-12-01 00:30:00')::INTEGER AS enterprise_today,
         (SELECT count(*) FROM accounts.zones
            WHERE created_at >= TIMESTAMP '2026-12-01' AND created_at < TIMESTAMP '2026-12-01 00:30:00')::INTEGER AS zones_today,
         (SELECT max(ts) <= TIMESTAMP '2026-12-01 00:28:00' FROM analytics.http_requests) AS lagging,
         (SELECT max(usage_date)::VARCHAR FROM billing.usage_daily) AS newest_usage`,
    );
    expect(row.enterprise_today).toBeGreaterThanOrEqual(1);
    expect(row.zones_today).toBeGreaterThanOrEqual(5);
    expect(row.lagging).toBe(true);
    expect(row.newest_usage).toBe("2026-11-30");
  });

  it("refuses invalid options with a coded error", async () => {
    const attempt = seedDemoLake({ asOf: new Date("not a date"), scale: 0, out: join(dir, "never.duckdb") });
    await expect(attempt).rejects.toSatisfy((error: unknown) => isSkiffError(error, "CONFIG_INVALID"));
    expect(existsSync(join(dir, "never.duckdb"))).toBe(false);
  });
});

describe("seedDemoLake at scale 1", () => {
  let full: SeedSummary;

  beforeAll(async () => {
    full = await seedDemoLake({ asOf: TEST_AS_OF, scale: 1, out: join(dir, "full.duckdb") });
  });

  it("has the documented sizes", () => {
    const tables = full.tables;
    expect(tables["accounts.accounts"]).toBeGreaterThanOrEqual(2_700);
    expect(tables["accounts.accounts"]).toBeLessThanOrEqual(3_300);
    expect(tables["accounts.zones"]).toBeGreaterThanOrEqual(9_000);
    expect(tables["accounts.zones"]).toBeLessThanOrEqual(11_000);
    expect(tables["analytics.http_requests"]).toBeGreaterThanOrEqual(300_000);
    expect(tables["analytics.http_requests"]).toBeLessThanOrEqual(600_000);
    expect(tables["billing.usage_daily"]).toBeGreaterThanOrEqual(20_000);
    expect(tables["billing.usage_daily"]).toBeLessThanOrEqual(80_000);
  });

  it("has at least 20 signups today, between 3 and 19 of them in today's top 100, and no ties around rank 100", async () => {
    const today = await one(
      full.out,
      `SELECT count(*)::INTEGER AS n FROM accounts.zones WHERE created_at >= ${todaySql} AND created_at < ${asOfSql}`,
    );
    expect(today.n).toBeGreaterThanOrEqual(20);

    const ranks = await query(full.out, todayRankSql);
    const inTop100 = ranks.slice(0, 100).filter((row) => row.signed_up_today).length;
    expect(inTop100).toBeGreaterThanOrEqual(3);
    expect(inTop100).toBeLessThan(20);
    const around100 = ranks.slice(94, 105).map((row) => row.requests);
    expect(around100).toHaveLength(11);
    expect(new Set(around100).size).toBe(11);
    expect(ranks[99]?.requests).not.toBe(ranks[100]?.requests);
  });

  it("has account signups every week and zone signups every day", async () => {
    const weeks = await one(
      full.out,
      `SELECT count(*)::INTEGER AS weeks, min(n)::INTEGER AS fewest
       FROM (SELECT floor(date_diff('second', created_at, ${asOfSql}) / 604800) AS week, count(*) AS n
             FROM accounts.accounts GROUP BY week)
       WHERE week < 156`,
    );
    expect(weeks.weeks).toBe(156);
    expect(weeks.fewest).toBeGreaterThanOrEqual(4);
    const days = await one(
      full.out,
      `SELECT count(*)::INTEGER AS days, min(n)::INTEGER AS fewest
       FROM (SELECT created_at::DATE AS day, count(*) AS n FROM accounts.zones
             WHERE created_at >= ${todaySql} - INTERVAL 90 DAY AND created_at < ${todaySql} GROUP BY day)`,
    );
    expect(days.days).toBe(90);
    expect(days.fewest).toBeGreaterThanOrEqual(3);
  });

  it("has a realistic mix: skewed plans and countries, mostly 200s, a 55-70% cache hit ratio", async () => {
    const mix = await one(
      full.out,
      `SELECT
         (SELECT mode(plan) FROM accounts.accounts) AS top_plan,
         (SELECT mode(country) FROM accounts.accounts) AS top_country,
         (SELECT count(DISTINCT country) FROM accounts.accounts)::INTEGER AS countries,
         (SELECT mode(status) FROM accounts.zones) AS top_zone_status,
         (SELECT (sum(sample_interval) FILTER (WHERE status = 200) / sum(sample_interval))::DOUBLE
            FROM analytics.http_requests) AS ok_share,
         (SELECT (sum(sample_interval) FILTER (WHERE cache_status = 'hit') / sum(sample_interval))::DOUBLE
            FROM analytics.http_requests) AS hit_ratio,
         (SELECT count(DISTINCT account_id) FROM billing.usage_daily WHERE product = 'r2_storage')::INTEGER AS r2_accounts`,
    );
    expect(mix).toMatchObject({ top_plan: "free", top_country: "US", top_zone_status: "active" });
    expect(mix.countries).toBeGreaterThanOrEqual(20);
    expect(mix.ok_share).toBeGreaterThan(0.6);
    expect(mix.hit_ratio).toBeGreaterThanOrEqual(0.55);
    expect(mix.hit_ratio).toBeLessThanOrEqual(0.7);
    expect(mix.r2_accounts).toBeGreaterThanOrEqual(150);
  });

  it("has R2 big spenders whose spend moves between the last 30 days and the 30 before, with no ties in the top 5", async () => {
    const spenders = await query(
      full.out,
      `SELECT account_id,
              sum(cost_usd) FILTER (WHERE usage_date > DATE '2026-11-29' - 30)::DOUBLE AS recent,
              sum(cost_usd) FILTER (WHERE usage_date <= DATE '2026-11-29' - 30
                                      AND usage_date > DATE '2026-11-29' - 60)::DOUBLE AS prior
       FROM billing.usage_daily WHERE product = 'r2_storage'
       GROUP BY account_id ORDER BY recent DESC NULLS LAST LIMIT 6`,
    );
    const top5 = spenders.slice(0, 5);
    expect(new Set(spenders.map((row) => row.recent)).size).toBe(6);
    const changes = top5.map((row) => (Number(row.recent) - Number(row.prior ?? 0)) / Number(row.recent));
    expect(changes.some((change) => change > 0.1)).toBe(true);
    expect(changes.some((change) => change < -0.1)).toBe(true);
  });
});

describe("demoLakePath", () => {
  it("seeds a lake once and then returns the cached file", async () => {
    const asOf = new Date("2026-11-28T09:15:00Z");
    const path = await demoLakePath({ scale: 0.05, asOf });
    expect(path).toContain(`demo-${asOf.getTime()}-0.05.duckdb`);
    const seeded = (await stat(path)).mtimeMs;
    expect(await demoLakePath({ scale: 0.05, asOf })).toBe(path);
    expect((await stat(path)).mtimeMs).toBe(seeded);
    const row = await one(path, "SELECT count(*)::INTEGER AS n FROM accounts.zones");
    expect(row.n).toBeGreaterThan(0);
  });
});
