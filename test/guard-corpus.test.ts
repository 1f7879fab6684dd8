import pg_ from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/model/catalog.js";
import { fixedClock } from "../shared/clock.js";
import { isSkiffError } from "../shared/errors.js";
import { silentLogger } from "../shared/logger.js";
import { createEngine, type Engine } from "../workers/engine/create-engine.js";
import { guardRuleNames, guardSql } from "../workers/engine/guard-sql.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../workers/sources/source-adapter.js";
import { buildCatalog } from "./fixtures/catalog-fixture.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "./fixtures/clickhouse-test-database.js";
import { createPostgresTestDatabase, testPostgresServer, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";
import { clickhouseCorpus, postgresCorpus } from "./guard/destructive-statements.js";

let pg: PostgresTestDatabase;
let ch: ClickHouseTestDatabase;
let catalog: Catalog;
let sources: Map<string, SourceAdapter>;
let engine: Engine;
let role: string;
const limits = { maxRows: 1_000, queryTimeoutMs: 5_000, runDeadlineMs: 30_000, maxTransferRows: 1_000, freshnessCacheMs: 0 };

const corpus = () => [
  ...postgresCorpus.map((sql) => ({ source: "accounts", sql })),
  ...clickhouseCorpus.map((sql) => ({ source: "analytics", sql: sql.replaceAll("{ch}", ch.name) })),
];

/** Everything a statement could have changed: every relation, its rows' hash, and sequence positions. */
async function snapshot(): Promise<unknown> {
  const relations = await pg.exec(
    "SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text AS r FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1",
  );
  const zones = await pg.exec("SELECT count(*)::int AS n, md5(coalesce(string_agg(z::text, ',' ORDER BY z::text), '')) AS h FROM accounts.zones z");
  const accounts = await pg.exec("SELECT count(*)::int AS n, md5(coalesce(string_agg(a::text, ',' ORDER BY a::text), '')) AS h FROM accounts.accounts a");
  const sequence = await pg.exec("SELECT last_value::int AS v, is_called FROM accounts.seq");
  const chTables = await ch.rows(`SELECT name, engine FROM system.tables WHERE database = '${ch.name}' ORDER BY name`);
  const requests = await ch.rows(`SELECT count() AS n, groupBitXor(cityHash64(zone_id, status, client_ip)) AS h FROM ${ch.name}.http_requests`);
  return { relations: relations.rows, zones: zones.rows, accounts: accounts.rows, sequence: sequence.rows, chTables, requests };
}

beforeAll(async () => {
  [pg, ch] = await Promise.all([createPostgresTestDatabase(), createClickHouseTestDatabase()]);
  role = `${pg.name}_reader`;
  await pg.exec(`
    CREATE SCHEMA accounts;
    CREATE TABLE accounts.accounts (account_id BIGINT, name TEXT, email TEXT);
    CREATE TABLE accounts.zones (zone_id BIGINT, account_id BIGINT, domain TEXT);
    CREATE SEQUENCE accounts.seq;
    INSERT INTO accounts.accounts SELECT g, 'Account ' || g, 'a' || g || '@example.com' FROM generate_series(1, 50) g;
    INSERT INTO accounts.zones SELECT g, 1 + g % 50, 'zone' || g || '.dev' FROM generate_series(1, 200) g;
    CREATE ROLE ${role} LOGIN;
    GRANT CONNECT ON DATABASE ${pg.name} TO ${role};
    GRANT USAGE ON SCHEMA accounts TO ${role};
    GRANT SELECT ON ALL TABLES IN SCHEMA accounts TO ${role};`);
  await ch.exec(`CREATE TABLE ${ch.name}.http_requests (ts DateTime('UTC'), zone_id UInt64, status UInt16, client_ip String) ENGINE = MergeTree ORDER BY ts`);
  await ch.exec(`INSERT INTO ${ch.name}.http_requests SELECT toDateTime('2026-11-30 00:00:00', 'UTC') + number, number % 200, 200, concat('203.0.113.', toString(number % 250)) FROM system.numbers LIMIT 1000`);

  catalog = buildCatalog({
    sources: [
      { name: "accounts", kind: "postgres", connection: { url: "${ACCOUNTS_URL}" } },
      { name: "analytics", kind: "clickhouse", connection: { url: "${ANALYTICS_URL}" } },
    ],
    tables: [
      { name: "accounts", source: "accounts", physical: "accounts.accounts", description: "Accounts.", owner: "#a", grain: "account", columns: [{ name: "account_id", type: "BIGINT" }, { name: "email", type: "TEXT", pii: "email" }] },
      { name: "zones", source: "accounts", physical: "accounts.zones", description: "Zones.", owner: "#a", grain: "zone", columns: [{ name: "zone_id", type: "BIGINT" }, { name: "domain", type: "TEXT" }] },
      { name: "http_requests", source: "analytics", physical: `${ch.name}.http_requests`, description: "Requests.", owner: "#a", grain: "request", columns: [{ name: "zone_id", type: "UInt64" }, { name: "client_ip", type: "String", pii: "ip_address" }] },
    ],
  });
  // The reader role has SELECT only: the database's own permissions are one more layer under the engine's read-only mode.
  const env = { ACCOUNTS_URL: `${testPostgresServer.replace("postgres@", `${role}@`)}/${pg.name}`, ANALYTICS_URL: ch.url };
  sources = new Map([...catalog.sources.values()].map((source) => [source.name, createSourceAdapter(source, env)]));
  engine = createEngine({ catalog, sources, limits, clock: fixedClock(new Date("2026-11-30T12:00:00Z")), logger: silentLogger });
});

afterAll(async () => {
  await Promise.allSettled([...(sources?.values() ?? [])].map((source) => source.close()));
  await pg?.drop();
  const admin = new pg_.Client({ connectionString: `${testPostgresServer}/postgres` });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
  await ch?.drop();
});

describe("the guard corpus on real Postgres and ClickHouse", () => {
  it("holds at least a hundred destructive or sneaky statements", () => {
    expect(postgresCorpus.length + clickhouseCorpus.length).toBeGreaterThanOrEqual(100);
    expect(new Set([...postgresCorpus, ...clickhouseCorpus]).size).toBe(postgresCorpus.length + clickhouseCorpus.length);
  });

  it("layer 1: the guard refuses every one, naming the rule", () => {
    const admitted: string[] = [];
    for (const { source, sql } of corpus()) {
      try {
        guardSql({ sql, source, dialect: source === "accounts" ? "postgres" : "clickhouse", catalog });
        admitted.push(sql);
      } catch (error) {
        expect(isSkiffError(error, "SQL_REJECTED")).toBe(true);
        expect(guardRuleNames).toContain((error as { detail?: { rule?: string } }).detail?.rule);
      }
    }
    expect(admitted).toEqual([]);
  });

  it("the engine runs none of them, and the databases are unchanged", async () => {
    const before = await snapshot();
    const executed = await engine.runAll(corpus().map(({ source, sql }, index) => ({ id: `q${index}`, source, sql, purpose: "corpus" })));
    expect(executed.filter((e) => !isSkiffError(e.error, "SQL_REJECTED")).map((e) => e.query.sql)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("layer 2: with the guard bypassed, the sources themselves refuse every write, and the databases are unchanged", async () => {
    const before = await snapshot();
    const writes = /^\s*(?:\/\*.*?\*\/\s*|--[^\n]*\n\s*)*(drop|delete|update|insert|truncate|alter|create|rename|optimize|system|kill|set|grant|revoke|copy|attach|detach|exchange|lock|vacuum|do|call|prepare|execute)\b/i;
    const outcomes = await Promise.all(
      corpus().map(async ({ source, sql }) => {
        const adapter = sources.get(source) as SourceAdapter;
        const outcome = await adapter.query(sql, { timeoutMs: 1_000, maxRows: 10 }).then(() => "ran", (error: unknown) => (isSkiffError(error) ? error.code : "threw"));
        return { sql, outcome };
      }),
    );
    expect(outcomes.filter(({ sql, outcome }) => writes.test(sql) && outcome === "ran").map(({ sql }) => sql)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
