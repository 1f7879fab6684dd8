import { describe, expect, it } from "vitest";
import { isSkiffError } from "../../../shared/errors.js";
import { lakeCatalog } from "../../../test/fixtures/lake-catalog.js";
import { guardSql } from "../guard-sql.js";

const catalog = lakeCatalog();
const clickhouse = (sql: string) => guardSql({ sql, source: "analytics", dialect: "clickhouse", catalog });

function rule(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isSkiffError(error, "SQL_REJECTED")) return String(error.detail?.rule);
    throw error;
  }
  return "admitted";
}

describe("ClickHouse: the token checks and the conservative fallback", () => {
  it("admits ClickHouse syntax the parser cannot read when every check passes, with the tables it reads", () => {
    const verdict = clickhouse("SELECT zone_id, count() AS n FROM analytics.http_requests FINAL WHERE status >= 500 GROUP BY zone_id ORDER BY n DESC LIMIT 3 BY zone_id");
    expect(verdict.tables).toEqual(["analytics.http_requests"]);
    expect(rule(() => clickhouse("SELECT toStartOfHour(ts) AS h, uniqExact(zone_id) FROM analytics.http_requests AS r GROUP BY h WITH TOTALS"))).toBe("admitted");
    expect(rule(() => clickhouse("WITH top AS (SELECT zone_id FROM analytics.http_requests) SELECT count() FROM top"))).toBe("admitted");
  });

  it("settings: refuses SETTINGS and FORMAT clauses, which only Skiff sets", () => {
    expect(rule(() => clickhouse("SELECT count() FROM analytics.http_requests SETTINGS readonly = 0"))).toBe("settings");
    expect(rule(() => clickhouse("SELECT count() FROM analytics.http_requests FORMAT JSON"))).toBe("settings");
  });

  it("into: refuses INTO OUTFILE", () => {
    expect(rule(() => clickhouse("SELECT * FROM analytics.http_requests INTO OUTFILE '/tmp/x'"))).toBe("into");
  });

  it("read-only and function: refuses writing keywords and forbidden functions outside string literals only", () => {
    expect(rule(() => clickhouse("SELECT 1 FROM analytics.http_requests WHERE 1 IN (SELECT 1) AND 0 = 1 OR optimize"))).toBe("read-only");
    expect(rule(() => clickhouse("SELECT count() FROM analytics.http_requests WHERE country = 'DROP TABLE; SETTINGS'"))).toBe("admitted");
    expect(rule(() => clickhouse("SELECT * FROM remote('h', system.users)"))).toBe("function");
    expect(rule(() => clickhouse("SELECT count() FROM analytics.http_requests WHERE sleepEachRow(1) = 0 LIMIT 1 BY zone_id"))).toBe("function");
  });

  it("unknown-table: every FROM/JOIN item and IN target must be a catalog table of the source", () => {
    expect(rule(() => clickhouse("SELECT count() FROM analytics.http_requests ANY LEFT JOIN system.users USING (name) LIMIT 1 BY name"))).toBe("unknown-table");
    expect(rule(() => clickhouse("SELECT count() FROM analytics.http_requests WHERE zone_id IN system.numbers"))).toBe("unknown-table");
    expect(rule(() => clickhouse("SELECT * FROM numbers(10) LIMIT 1 BY number"))).toBe("unknown-table");
    expect(rule(() => clickhouse("SELECT toYear(ts), count() FROM analytics.http_requests GROUP BY toYear(ts) WITH TOTALS"))).toBe("admitted");
  });

  it("admits catalog tables the parser cannot read; what they show is settled by substitution", () => {
    expect(rule(() => clickhouse("SELECT client_ip FROM analytics.http_requests LIMIT 1 BY zone_id"))).toBe("admitted");
    expect(rule(() => clickhouse("SELECT count(*) FROM analytics.http_requests LIMIT 1 BY zone_id"))).toBe("admitted");
  });

  it("a quote closing differently under backslash escapes cannot hide a word", () => {
    expect(rule(() => clickhouse("SELECT count() FROM analytics.http_requests WHERE country = 'a\\' OR 1 IN (SELECT 1 FROM system.users) OR ''''"))).not.toBe("admitted");
  });
});

describe("BigQuery backtick paths", () => {
  it("reads `dataset.table` as the table, not its quote marks", () => {
    const bigquery = (sql: string) => guardSql({ sql, source: "billing", dialect: "bigquery", catalog });
    expect(bigquery("SELECT sum(cost_usd) FROM `billing.usage_daily`").tables).toEqual(["billing.usage_daily"]);
    expect(rule(() => bigquery("SELECT * FROM `billing.usage_daily` u JOIN `billing.secrets` s ON true"))).toBe("unknown-table");
  });
});
