import type { RawTwin } from "./create-raw-twin.js";
import type { CorpusFacts } from "./extraction-case.js";

/** The facts the corpus's placeholders and inference checks need, read from the raw data. */
export async function readCorpusFacts(twin: RawTwin, servers: { postgresDb: string; clickhouseDb: string }): Promise<CorpusFacts> {
  const one = async (sql: string) => String((await twin.rows("duckdb", sql))[0]?.[0]);
  const [email, ip, accounts, requests, lakeCatalog] = await Promise.all([
    one("SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 1"),
    one("SELECT client_ip FROM analytics.http_requests GROUP BY client_ip ORDER BY count(*) DESC, client_ip LIMIT 1"),
    one("SELECT count(*) FROM accounts.accounts"),
    one("SELECT count(*) FROM analytics.http_requests"),
    one("SELECT current_database()"),
  ]);
  const at = email.indexOf("@");
  return {
    email,
    local: email.slice(0, at),
    domain: email.slice(at + 1),
    prefix: email.slice(0, 3),
    ip,
    ipPrefix: `${ip.split(".")[0] ?? ""}.`,
    accounts: Number(accounts),
    requests: Number(requests),
    clickhouseDb: servers.clickhouseDb,
    postgresDb: servers.postgresDb,
    lakeCatalog,
  };
}
