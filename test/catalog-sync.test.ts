import { mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import { isSkiffError } from "../shared/errors.js";
import { guardSql } from "../workers/engine/guard-sql.js";
import { createFakeBigQuery, type FakeBigQuery } from "./fakes/bigquery/create-fake-bigquery.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "./fixtures/clickhouse-test-database.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";

let pg: PostgresTestDatabase;
let ch: ClickHouseTestDatabase;
let bq: FakeBigQuery;
let dir: string;

const handWritten = `# Hand-written: this comment and the descriptions survive every sync.
sources:
  - name: accounts
    kind: postgres
    connection: { url: "\${SYNC_PG_URL}" }
  - name: analytics
    kind: clickhouse
    connection: { url: "\${SYNC_CH_URL}", database: "\${SYNC_CH_DB}" }
  - name: billing
    kind: bigquery
    connection: { project: acme, apiEndpoint: "\${SYNC_BQ_URL}", auth: none, datasets: billing }
tables:
  - name: zones
    source: accounts
    physical: accounts.zones
    description: Every zone, written by a person.
    owner: "#team-accounts"
    grain: one row per zone
    columns:
      - { name: zone_id, type: BIGINT, description: The zone's id. }
`;

async function sync(source: string) {
  let out = "";
  let err = "";
  const code = await main(["node", "skiff", "catalog", "sync", "--source", source, "--catalog", dir], {
    io: { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) },
    env: { SKIFF_LOG_LEVEL: "silent", SKIFF_HOME: dir, SYNC_PG_URL: pg.url, SYNC_CH_URL: ch.url, SYNC_CH_DB: ch.name, SYNC_BQ_URL: bq.url },
  });
  return { code, out, err };
}

beforeAll(async () => {
  [pg, ch, bq] = await Promise.all([createPostgresTestDatabase(), createClickHouseTestDatabase(), createFakeBigQuery({ projectId: "acme" })]);
  await bq.exec("CREATE SCHEMA billing; CREATE TABLE billing.usage_daily (usage_date DATE, cost_usd DECIMAL(12,2))");
  await pg.exec(`CREATE SCHEMA accounts;
    CREATE TABLE accounts.zones (zone_id BIGINT, domain TEXT, created_at TIMESTAMP);
    CREATE TABLE accounts.invoices (invoice_id BIGINT, amount NUMERIC(12,2), "Weird Name" TEXT);`);
  await ch.exec(`CREATE TABLE ${ch.name}.http_requests (ts DateTime('UTC'), zone_id UInt64) ENGINE = MergeTree ORDER BY ts`);
  dir = await mkdtemp(join(tmpdir(), "skiff-sync-"));
  await mkdir(join(dir, "tables"));
  await writeFile(join(dir, "tables", "accounts.yaml"), handWritten);
});

afterAll(async () => {
  await pg?.drop();
  await ch?.drop();
  await bq?.close();
});

describe("skiff catalog sync", () => {
  it("adds new tables and columns as review: pending, keeping what people wrote", async () => {
    const run = await sync("accounts");
    expect(run.err).toBe("");
    expect(run.out).toContain("added 1 tables and 2 columns as review: pending");
    expect(run.out).toContain("skipped (names are not lower_snake_case): accounts.invoices.Weird Name");
    const written = await readFile(join(dir, "tables", "accounts.yaml"), "utf8");
    expect(written).toContain("# Hand-written: this comment and the descriptions survive every sync.");
    expect(written).toContain("description: Every zone, written by a person.");
    expect(written).toContain("{ name: domain, type: text, review: pending }");

    const catalog = await loadCatalog(dir);
    const invoices = catalog.tables.get("accounts.invoices");
    expect(invoices).toMatchObject({ physical: "accounts.invoices", review: "pending", columns: [{ name: "invoice_id", type: "bigint" }, { name: "amount", type: "numeric" }] });
    // Pending means not queryable until someone reviews it.
    const refused = (() => {
      try {
        guardSql({ sql: "SELECT invoice_id FROM accounts.invoices", source: "accounts", dialect: "postgres", catalog });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(isSkiffError(refused, "SQL_REJECTED") && (refused as Error).message).toMatch(/pending review/);
  });

  it("keeps a reviewer's edits on re-sync and adds nothing twice", async () => {
    const synced = join(dir, "synced", "accounts.yaml");
    await writeFile(synced, (await readFile(synced, "utf8")).replace("Found by catalog sync on accounts; say what it holds.", "Invoices, as finance describes them."));
    await pg.exec("ALTER TABLE accounts.invoices ADD COLUMN paid_at TIMESTAMP");
    const run = await sync("accounts");
    expect(run.out).toContain("added 0 tables and 1 columns");
    const text = await readFile(synced, "utf8");
    expect(text).toContain("Invoices, as finance describes them.");
    expect(text.match(/name: invoice_id/g)).toHaveLength(1);
    expect((await sync("accounts")).out).toContain("the catalog already has every table and column");
  });

  it("reads ClickHouse's system.columns", async () => {
    const run = await sync("analytics");
    expect(run.err).toBe("");
    expect(run.out).toContain("+ table http_requests");
    const catalog = await loadCatalog(dir);
    expect(catalog.tables.get("analytics.http_requests")?.columns).toEqual([
      expect.objectContaining({ name: "ts", type: "DateTime('UTC')" }),
      expect.objectContaining({ name: "zone_id", type: "UInt64" }),
    ]);
  });

  it("reads BigQuery's INFORMATION_SCHEMA.COLUMNS through the dry-run-first adapter", async () => {
    const run = await sync("billing");
    expect(run.err).toBe("");
    expect(run.out).toContain("+ table billing.usage_daily");
    expect(bq.calls.some((call) => JSON.stringify(call.body).includes("billing.INFORMATION_SCHEMA.COLUMNS"))).toBe(true);
    const catalog = await loadCatalog(dir);
    expect(catalog.tables.get("billing.usage_daily")?.columns.map((c) => c.name)).toEqual(["usage_date", "cost_usd"]);
  });
});
