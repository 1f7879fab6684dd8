import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClickHouseLogLevel, createClient } from "@clickhouse/client";
import { DuckDBInstance } from "@duckdb/node-api";
import { SkiffError } from "../../../shared/errors.js";

/**
 * Replaces `<database>.http_requests` on ClickHouse with the demo lake's
 * sampled requests: a MergeTree ordered by (zone_id, ts) with DateTime('UTC')
 * timestamps. DuckDB writes the rows as CSV to a temporary file, which streams
 * into one INSERT (CSV is a format every ClickHouse reads, and this is far
 * faster than handing rows through JavaScript).
 */
export async function loadIntoClickHouse(lake: string, url: string, database: string): Promise<Record<string, number>> {
  const file = join(tmpdir(), `skiff-http-requests-${randomUUID()}.csv`);
  const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF }, request_timeout: 300_000 });
  try {
    const rows = await exportRequests(lake, file);
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    await client.command({ query: `DROP TABLE IF EXISTS ${database}.http_requests` });
    await client.command({
      query: `CREATE TABLE ${database}.http_requests (
        ts DateTime('UTC'), zone_id UInt64, country String, status UInt16, cache_status String,
        edge_response_bytes UInt64, client_ip String, sample_interval UInt32
      ) ENGINE = MergeTree ORDER BY (zone_id, ts)`,
    });
    await client.insert({ table: `${database}.http_requests`, values: createReadStream(file), format: "CSV" });
    return { [`${database}.http_requests`]: rows };
  } finally {
    await client.close();
    await rm(file, { force: true });
  }
}

async function exportRequests(lake: string, file: string): Promise<number> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(lake, { access_mode: "READ_ONLY" });
  } catch (error) {
    throw new SkiffError("SOURCE_UNAVAILABLE", `could not open the demo lake ${lake}; run skiff demo seed first`, { cause: error });
  }
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT strftime(ts, '%Y-%m-%d %H:%M:%S'), zone_id, country, status, cache_status, edge_response_bytes, client_ip, sample_interval
             FROM analytics.http_requests) TO '${file.replaceAll("'", "''")}' (FORMAT csv, HEADER false)`,
    );
    const count = await connection.runAndReadAll("SELECT count(*) FROM analytics.http_requests");
    return Number(count.getRows()[0]?.[0] ?? 0);
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}
