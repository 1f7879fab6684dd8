/**
 * `npm run bench:federation`: Postgres and ClickHouse sub-results of 10k, 100k
 * and 1M rows, read through the real adapters, streamed into the run's scratch
 * DuckDB with the appender and joined there — beside DuckDB joining the same
 * rows already in one database, for the ratio. Prints rows/s into the scratch
 * DB (target ≥ 300k rows/s) and the peak RSS of each size (target ≤ 400 MB at
 * 100k × 100k). Each size runs in a fresh child process so its peak is its own.
 */
import { execFileSync } from "node:child_process";
import { DuckDBInstance } from "@duckdb/node-api";
import { silentLogger } from "../shared/logger.js";
import { openScratch } from "../workers/engine/scratch/open-scratch.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import { sourceSchema } from "../catalog/model/source-schema.js";
import { createClickHouseTestDatabase } from "../test/fixtures/clickhouse-test-database.js";
import { createPostgresTestDatabase } from "../test/fixtures/postgres-test-database.js";

const sizes = [10_000, 100_000, 1_000_000];
const child = process.argv[2] === "--size";

if (!child) {
  console.log("federation: Postgres × ClickHouse sub-results joined in the scratch DuckDB");
  console.log(`${"rows each".padStart(10)} ${"read ms".padStart(9)} ${"load ms".padStart(9)} ${"rows/s in".padStart(11)} ${"join ms".padStart(8)} ${"one-DB join ms".padStart(15)} ${"ratio".padStart(7)} ${"peak RSS".padStart(9)}`);
  for (const size of sizes) {
    const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, "--size", String(size)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    process.stdout.write(out);
  }
  console.log("targets: ≥ 300,000 rows/s into the scratch DB; ≤ 400 MB peak RSS at 100k × 100k");
} else {
  const size = Number(process.argv[3]);
  const [pg, ch] = await Promise.all([createPostgresTestDatabase("skiff_bench"), createClickHouseTestDatabase("skiff_bench")]);
  try {
    await pg.exec(`CREATE TABLE zones AS SELECT g::bigint AS zone_id, 'zone' || g || '.dev' AS domain FROM generate_series(1, ${size}) g`);
    await ch.exec(`CREATE TABLE ${ch.name}.traffic ENGINE = MergeTree ORDER BY zone_id AS SELECT number * 2 + 1 AS zone_id, toUInt64(number % 997) AS requests FROM system.numbers LIMIT ${size}`);
    const postgres = createSourceAdapter(sourceSchema.parse({ name: "accounts", kind: "postgres", connection: { url: pg.url } }), {});
    const clickhouse = createSourceAdapter(sourceSchema.parse({ name: "analytics", kind: "clickhouse", connection: { url: ch.url } }), {});
    const options = { timeoutMs: 120_000, maxRows: size };
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

    const readStarted = performance.now();
    const [left, right] = await Promise.all([postgres.query("SELECT zone_id, domain FROM zones", options), clickhouse.query(`SELECT zone_id, requests FROM ${ch.name}.traffic`, options)]);
    const readMs = performance.now() - readStarted;

    const scratch = await openScratch({ limits: { maxRows: 10, queryTimeoutMs: 120_000, runDeadlineMs: 120_000, maxTransferRows: size, freshnessCacheMs: 0 }, logger: silentLogger });
    const loadStarted = performance.now();
    await scratch.load("zones", left);
    await scratch.load("traffic", right);
    const loadMs = performance.now() - loadStarted;
    const joinStarted = performance.now();
    const joined = await scratch.query("SELECT count(*) AS n, sum(t.requests) AS requests FROM zones z JOIN traffic t ON z.zone_id = t.zone_id", "join", "c1");
    const joinMs = performance.now() - joinStarted;
    if (joined.error) throw joined.error;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    await scratch.close();
    await Promise.all([postgres.close(), clickhouse.close()]);

    // The same rows already side by side in one DuckDB: the join alone, no transfer.
    const local = await DuckDBInstance.create(":memory:");
    const connection = await local.connect();
    await connection.run(`CREATE TABLE zones AS SELECT i::BIGINT AS zone_id, 'zone' || i || '.dev' AS domain FROM range(1, ${size + 1}) t(i)`);
    await connection.run(`CREATE TABLE traffic AS SELECT (i * 2 + 1)::BIGINT AS zone_id, (i % 997)::BIGINT AS requests FROM range(${size}) t(i)`);
    const localStarted = performance.now();
    const expected = await connection.runAndReadAll("SELECT count(*) AS n, sum(t.requests) AS requests FROM zones z JOIN traffic t ON z.zone_id = t.zone_id");
    const localMs = performance.now() - localStarted;
    const same = JSON.stringify(expected.getRowsJson()[0]?.map(Number)) === JSON.stringify(joined.result?.rows[0]?.map(Number));
    connection.disconnectSync();
    local.closeSync();
    if (!same) throw new Error(`the scratch join disagrees with the one-database join: ${JSON.stringify(joined.result?.rows)} vs ${JSON.stringify(expected.getRowsJson())}`);

    const rowsPerSecond = (2 * size) / (loadMs / 1000);
    console.log(
      `${size.toLocaleString("en-US").padStart(10)} ${readMs.toFixed(0).padStart(9)} ${loadMs.toFixed(0).padStart(9)} ${Math.round(rowsPerSecond).toLocaleString("en-US").padStart(11)} ${joinMs.toFixed(1).padStart(8)} ${localMs.toFixed(1).padStart(15)} ${(joinMs / localMs).toFixed(2).padStart(7)} ${`${Math.round(peak / 1048576)} MB`.padStart(9)}`,
    );
  } finally {
    await Promise.allSettled([pg.drop(), ch.drop()]);
  }
}
