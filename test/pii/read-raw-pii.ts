import type { RawPii } from "./create-leak-detector.js";
import type { RawTwin } from "./create-raw-twin.js";

/** Every email and client IP, read straight from the lake file and from both servers, with each set as each source holds it. */
export async function readRawPii(twin: RawTwin): Promise<RawPii & { bySource: Record<string, number> }> {
  const column = async (engine: Parameters<RawTwin["rows"]>[0], sql: string) => (await twin.rows(engine, sql)).map((row) => String(row[0]));
  const [lakeEmails, lakeIps, postgresEmails, clickhouseIps] = await Promise.all([
    column("duckdb", "SELECT DISTINCT email FROM accounts.accounts WHERE email IS NOT NULL"),
    column("duckdb", "SELECT DISTINCT client_ip FROM analytics.http_requests WHERE client_ip IS NOT NULL"),
    column("postgres", "SELECT DISTINCT email FROM accounts.accounts WHERE email IS NOT NULL"),
    column("clickhouse", "SELECT DISTINCT client_ip FROM http_requests WHERE client_ip != ''"),
  ]);
  return {
    emails: [...new Set([...lakeEmails, ...postgresEmails])],
    clientIps: [...new Set([...lakeIps, ...clickhouseIps])],
    bySource: { "lake emails": lakeEmails.length, "lake client ips": lakeIps.length, "postgres emails": postgresEmails.length, "clickhouse client ips": clickhouseIps.length },
  };
}
