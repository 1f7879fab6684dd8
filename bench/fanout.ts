/**
 * `npm run bench:fanout`: one planned query on each of three real sources —
 * Postgres, ClickHouse and the BigQuery REST fake, each through its real
 * adapter with 200 ms added in front — run through the engine's fan-out.
 * Prints each source alone, the slowest, the fan-out's wall time and the
 * ratio (target ≤ 1.15 × the slowest), medians over the runs.
 */
import { fixedClock } from "../shared/clock.js";
import { silentLogger } from "../shared/logger.js";
import type { QueryResult } from "../shared/query-result.js";
import { createEngine } from "../workers/engine/create-engine.js";
import type { PlannedQuery } from "../workers/engine/planned-query.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { QueryOptions, SourceAdapter } from "../workers/sources/source-adapter.js";
import { buildCatalog } from "../test/fixtures/catalog-fixture.js";
import { createClickHouseTestDatabase } from "../test/fixtures/clickhouse-test-database.js";
import { createPostgresTestDatabase } from "../test/fixtures/postgres-test-database.js";
import { createFakeBigQuery } from "../test/fakes/bigquery/create-fake-bigquery.js";

const runs = Number(process.argv[2] ?? 15);
const delayMs = 200;

/** The real adapter, 200 ms late: a source with that much network or queueing in front of it. */
function delayed(adapter: SourceAdapter): SourceAdapter {
  return {
    name: adapter.name,
    kind: adapter.kind,
    dialect: adapter.dialect,
    async query(sql: string, options: QueryOptions): Promise<QueryResult> {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return adapter.query(sql, options);
    },
    healthCheck: () => adapter.healthCheck(),
    close: () => adapter.close(),
  };
}

const [pg, ch, bq] = await Promise.all([createPostgresTestDatabase("skiff_bench"), createClickHouseTestDatabase("skiff_bench"), createFakeBigQuery({ projectId: "bench" })]);
try {
  await pg.exec("CREATE SCHEMA accounts; CREATE TABLE accounts.zones AS SELECT g AS zone_id, 'z' || g AS domain FROM generate_series(1, 10000) g");
  await ch.exec(`CREATE TABLE ${ch.name}.http_requests ENGINE = MergeTree ORDER BY zone_id AS SELECT number % 1000 AS zone_id, toUInt32(1) AS sample_interval FROM system.numbers LIMIT 100000`);
  await bq.exec("CREATE SCHEMA billing; CREATE TABLE billing.usage_daily AS SELECT i AS account_id, i / 10 AS cost_usd FROM range(10000) t(i)");
  const table = (name: string, source: string, physical: string, columns: string[]) => ({ name, source, physical, description: name, owner: "#bench", grain: "row", columns: columns.map((c) => ({ name: c, type: "BIGINT" })) });
  const catalog = buildCatalog({
    sources: [
      { name: "accounts", kind: "postgres", connection: { url: "${PG_URL}" } },
      { name: "analytics", kind: "clickhouse", connection: { url: "${CH_URL}" } },
      { name: "billing", kind: "bigquery", connection: { project: "bench", apiEndpoint: "${BQ_URL}", auth: "none" } },
    ],
    tables: [
      table("zones", "accounts", "accounts.zones", ["zone_id", "domain"]),
      table("http_requests", "analytics", `${ch.name}.http_requests`, ["zone_id", "sample_interval"]),
      table("usage_daily", "billing", "billing.usage_daily", ["account_id", "cost_usd"]),
    ],
  });
  const env = { PG_URL: pg.url, CH_URL: ch.url, BQ_URL: bq.url };
  const sources = new Map([...catalog.sources.values()].map((source) => [source.name, delayed(createSourceAdapter(source, env))]));
  const limits = { maxRows: 10_000, queryTimeoutMs: 10_000, runDeadlineMs: 30_000, maxTransferRows: 100_000, freshnessCacheMs: 60_000 };
  const engine = createEngine({ catalog, sources, limits, clock: fixedClock(new Date()), logger: silentLogger });
  const queries: PlannedQuery[] = [
    { id: "q1", source: "accounts", sql: "SELECT count(*) AS zones FROM accounts.zones", purpose: "zones" },
    { id: "q2", source: "analytics", sql: `SELECT zone_id, sum(sample_interval) AS requests FROM ${ch.name}.http_requests GROUP BY zone_id ORDER BY requests DESC, zone_id LIMIT 100`, purpose: "top zones" },
    { id: "q3", source: "billing", sql: "SELECT sum(cost_usd) AS cost FROM `billing.usage_daily`", purpose: "cost" },
  ];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const time = async (work: () => Promise<{ error?: unknown }[]>) => {
    const started = performance.now();
    const results = await work();
    const failed = results.find((r) => r.error !== undefined);
    if (failed) throw failed.error;
    return performance.now() - started;
  };
  for (let i = 0; i < 2; i++) await engine.runAll(queries); // warm-up: connections, JIT
  const alone = queries.map(() => [] as number[]);
  const together: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [index, query] of queries.entries()) alone[index]?.push(await time(async () => [await engine.run(query)]));
    together.push(await time(() => engine.runAll(queries)));
  }
  const aloneMedians = alone.map(median);
  const slowest = Math.max(...aloneMedians);
  const fanout = median(together);
  console.log(`fan-out over 3 real sources, each ${delayMs} ms late; medians of ${runs} runs`);
  queries.forEach((query, index) => console.log(`  ${query.source.padEnd(10)} alone ${aloneMedians[index]?.toFixed(1).padStart(7)} ms`));
  console.log(`  slowest alone       ${slowest.toFixed(1).padStart(7)} ms`);
  console.log(`  all three at once   ${fanout.toFixed(1).padStart(7)} ms`);
  console.log(`  ratio ${(fanout / slowest).toFixed(3)} (target ≤ 1.15)`);
  await Promise.all([...sources.values()].map((source) => source.close()));
} finally {
  await Promise.allSettled([pg.drop(), ch.drop(), bq.close()]);
}
