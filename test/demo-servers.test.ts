import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { cp, readFile, writeFile } from "node:fs/promises";
import { createFakeBigQuery, type FakeBigQuery } from "./fakes/bigquery/create-fake-bigquery.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "./fixtures/clickhouse-test-database.js";
import { demoLakePath, TEST_AS_OF } from "./fixtures/demo-lake.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";

const seedQuestion = "How many domains that signed up today are in the top 100 by traffic?";
let lake: string;
let home: string;
let pg: PostgresTestDatabase;
let ch: ClickHouseTestDatabase;
let bq: FakeBigQuery;
let threeSources: string;

interface AskJson {
  status: string;
  answer: string;
  result: { columns: string[]; rows: unknown[][] };
  caveats: Array<{ kind: string; message: string }>;
  queries: Array<{ source: string; sql: string; error?: string }>;
}

async function skiff(env: Record<string, string>, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(["node", "skiff", ...args], {
    io: { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) },
    env: { SKIFF_DEMO_DB: lake, SKIFF_HOME: home, SKIFF_LOG_LEVEL: "silent", SKIFF_DEMO_POSTGRES_URL: pg.url, SKIFF_DEMO_CLICKHOUSE_DB: ch.name, SKIFF_DEMO_BIGQUERY_PROJECT: "skiff-demo", SKIFF_DEMO_BIGQUERY_ENDPOINT: bq.url, ...env },
  });
  return { code, out, err };
}

async function ask(env: Record<string, string>, question = seedQuestion): Promise<AskJson> {
  const run = await skiff(env, "ask", "--json", "--as-of", TEST_AS_OF.toISOString(), question);
  expect(run.err).toBe("");
  return JSON.parse(run.out) as AskJson;
}

const servers = { SKIFF_CATALOG: "catalog/demo-servers" };

beforeAll(async () => {
  lake = await demoLakePath();
  home = await mkdtemp(join(tmpdir(), "skiff-servers-"));
  [pg, ch, bq] = await Promise.all([createPostgresTestDatabase(), createClickHouseTestDatabase(), createFakeBigQuery({ projectId: "skiff-demo" })]);
  const load = await skiff({}, "demo", "load");
  expect(load.err).toBe("");
  expect(load.out).toMatch(/accounts\.zones 10,000, .*http_requests \d.*billing\.usage_daily \d/);
  // catalog/demo-servers with billing on BigQuery (here its fake): all three sources real.
  threeSources = join(home, "catalog-three-sources");
  await cp("catalog/demo-servers", threeSources, { recursive: true });
  const sources = await readFile(join(threeSources, "sources.yaml"), "utf8");
  await writeFile(
    join(threeSources, "sources.yaml"),
    sources.replace(/ {2}- name: billing\n[\s\S]*$/, "  - name: billing\n    kind: bigquery\n    connection: { project: skiff-demo, apiEndpoint: \"${SKIFF_DEMO_BIGQUERY_ENDPOINT}\", auth: none }\n"),
  );
});

afterAll(async () => {
  await pg?.drop();
  await ch?.drop();
  await bq?.close();
});

describe("the demo on real servers (skiff demo load, catalog/demo-servers)", () => {
  it("answers the seed question from Postgres and ClickHouse with the embedded lake's number", async () => {
    const [embedded, real] = await Promise.all([ask({}), ask(servers)]);
    expect(real.status).toBe("answered");
    expect(real.answer).toBe(embedded.answer);
    expect(real.answer).toMatch(/^\d+ of the \d+ domains that signed up today are in the top 100 by requests today/);
    expect(real.result.rows).toEqual(embedded.result.rows);
    expect(real.queries.map((q) => q.source)).toEqual(["accounts", "analytics", "scratch"]);
    expect(real.queries[1]?.sql).toContain("toDateTime(");
    expect(real.caveats.map((c) => c.kind)).toContain("sampled");
  });

  it("answers a ClickHouse metric question with the embedded lake's figures", async () => {
    const question = "requests by country yesterday";
    const [embedded, real] = await Promise.all([ask({}, question), ask(servers, question)]);
    expect(real.status).toBe("answered");
    expect(real.result.rows.length).toBeGreaterThan(3);
    expect(real.result.rows).toEqual(embedded.result.rows);
  });

  it("answers a billing question from BigQuery (the fake, through the real client) with the embedded lake's figures", async () => {
    const question = "Top 5 accounts by R2 storage cost in the last 30 days, and the change versus the previous 30 days";
    const [embedded, real] = await Promise.all([ask({}, question), ask({ SKIFF_CATALOG: threeSources }, question)]);
    expect(real.status).toBe("answered");
    expect(real.queries.map((q) => q.source)).toEqual(["billing", "accounts", "scratch"]);
    expect(real.result.rows).toHaveLength(5);
    expect(real.result.rows).toEqual(embedded.result.rows);
    expect(real.answer).toBe(embedded.answer);
  });

  it("gives the half it has, with a partial caveat, when ClickHouse is down mid-answer", async () => {
    const started = performance.now();
    const real = await ask({ ...servers, SKIFF_DEMO_CLICKHOUSE_URL: "http://127.0.0.1:1" });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(real.status).toBe("answered");
    expect(real.answer).toMatch(/^\d+ domains that signed up today; Skiff could not check which of them are in the top 100 by requests today, because analytics did not answer/);
    expect(real.caveats.find((c) => c.kind === "partial")?.message).toMatch(/^analytics did not answer .*unavailable/);
    expect(real.queries[1]?.error).toMatch(/unavailable/);
  });

  it("skiff catalog sources checks every source's health", async () => {
    const up = await skiff({ SKIFF_CATALOG: threeSources }, "catalog", "sources");
    expect(up.code).toBe(0);
    expect(up.out).toMatch(/^ok {4}accounts {9}postgres/m);
    expect(up.out).toMatch(/^ok {4}analytics {8}clickhouse/m);
    expect(up.out).toMatch(/^ok {4}billing {10}bigquery/m);
    // The demo connects as the servers' admin users: said so, and the check still passes.
    expect(up.out).toMatch(/^warn {2}accounts {9}postgres {3}accounts logs in as postgres, a superuser, which can write anything/m);
    expect(up.out).toMatch(/^warn {2}analytics {8}clickhouse analytics connects as ClickHouse user default, whose profile has readonly = 0/m);
    expect(up.out).not.toMatch(/^warn {2}billing/m);
    const down = await skiff({ ...servers, SKIFF_DEMO_CLICKHOUSE_URL: "http://127.0.0.1:1" }, "catalog", "sources");
    expect(down.code).toBe(1);
    expect(down.out).toMatch(/^down {2}analytics {8}clickhouse source analytics is unavailable/m);
  });

  it("fails with a clear message when the side the question is about is down", async () => {
    const real = await ask({ ...servers, SKIFF_DEMO_POSTGRES_URL: "postgres://postgres@127.0.0.1:1/postgres" });
    expect(real.status).toBe("failed");
    expect(real.answer).toMatch(/^source accounts is unavailable .*check that the database is up/);
  });
});
