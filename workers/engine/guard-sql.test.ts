import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../test/fixtures/catalog-fixture.js";
import { lakeCatalog } from "../../test/fixtures/lake-catalog.js";
import { isSkiffError } from "../../shared/errors.js";
import type { Dialect } from "../sql/dialect.js";
import { guardRuleNames, guardSql, type GuardRuleName } from "./guard-sql.js";

const catalog = lakeCatalog();

function guard(sql: string, source = "analytics", dialect: Dialect = "duckdb") {
  return guardSql({ sql, source, dialect, catalog });
}

function rejection(run: () => unknown): { rule: GuardRuleName; message: string } {
  try {
    run();
  } catch (error) {
    if (isSkiffError(error, "SQL_REJECTED")) return { rule: error.detail?.rule as GuardRuleName, message: error.message };
    throw error;
  }
  throw new Error("expected the guard to refuse");
}

describe("guardSql rules", () => {
  it("exports its rule names", () => {
    expect(guardRuleNames).toEqual(["too-complex", "parse", "one-statement", "comment", "read-only", "into", "settings", "function", "unknown-table", "substitution"]);
  });

  it("parse: refuses what it cannot read and says to write a plain SELECT", () => {
    const { rule, message } = rejection(() => guard("select zone_id, from analytics.http_requests where"));
    expect(rule).toBe("parse");
    expect(message).toMatch(/^rejected \(parse\): Skiff could not read this SQL/);
    expect(message).toContain("plain SELECT");
    expect(rejection(() => guard("select 'never closed from analytics.http_requests")).rule).toBe("parse");
  });

  it("parse: names the plain SQL to write for DuckDB shorthands it cannot read", () => {
    const { rule, message } = rejection(() => guard("select status, count(*) from analytics.http_requests group by all"));
    expect(rule).toBe("parse");
    expect(message).toContain("list the GROUP BY columns instead of GROUP BY ALL");
  });

  it("one-statement: refuses a batch", () => {
    const { rule, message } = rejection(() => guard("select 1; select 2"));
    expect(rule).toBe("one-statement");
    expect(message).toBe("rejected (one-statement): send exactly one statement");
  });

  it("one-statement: a trailing semicolon is still one statement", () => {
    expect(guard("select count(*) from analytics.http_requests;").tables).toEqual(["analytics.http_requests"]);
  });

  it("comment: refuses a semicolon inside a comment", () => {
    expect(rejection(() => guard("select 1 /* ; drop */")).rule).toBe("comment");
    expect(guard("select 1 /* a plain comment */ -- and another\n").tables).toEqual([]);
  });

  it("read-only: refuses anything but a query", () => {
    const { rule, message } = rejection(() => guard("delete from analytics.http_requests"));
    expect(rule).toBe("read-only");
    expect(message).toContain("DELETE");
    expect(message).toContain("send a SELECT");
  });

  it("into: refuses SELECT … INTO", () => {
    expect(rejection(() => guard("select * into copy_of from analytics.http_requests")).rule).toBe("into");
  });

  it("function: refuses forbidden functions anywhere, per dialect", () => {
    const read = rejection(() => guard("select * from read_csv('/etc/passwd')"));
    expect(read.rule).toBe("function");
    expect(read.message).toContain("read_csv");
    expect(rejection(() => guard("select status from analytics.http_requests where status = (select length(current_setting('threads')))")).rule).toBe("function");
    expect(rejection(() => guard("select pg_catalog.pg_read_file('/etc/passwd')", "analytics", "postgres")).rule).toBe("function");
    expect(rejection(() => guard("select pg_sleep(60)", "analytics", "postgres")).rule).toBe("function");
    expect(rejection(() => guard("select * from EXTERNAL_QUERY('conn', 'select 1')", "analytics", "bigquery")).rule).toBe("function");
    expect(rejection(() => guard("select * from url('http://evil/', CSV, 'a String')", "analytics", "clickhouse")).rule).toBe("function");
  });

  it("unknown-table: refuses tables the catalog does not know for the source", () => {
    const unknown = rejection(() => guard("select * from analytics.secrets"));
    expect(unknown.rule).toBe("unknown-table");
    expect(unknown.message).toContain("analytics.secrets is not a catalog table of source analytics");
    expect(unknown.message).toContain("analytics.http_requests");
    const elsewhere = rejection(() => guard("select * from accounts.accounts"));
    expect(elsewhere.message).toContain("belongs to source accounts");
    const pending = rejection(() => guard("select * from analytics.raw_events"));
    expect(pending.message).toContain("pending review");
    const bare = rejection(() => guard("select * from http_requests"));
    expect(bare.message).toContain("write it as analytics.http_requests");
    const tableFunction = rejection(() => guard("select * from unnest(zone_ids)"));
    expect(tableFunction.rule).toBe("unknown-table");
    expect(tableFunction.message).toContain("table function");
  });
});

describe("guardSql admits queries", () => {
  it("reports the catalog tables read and their PII columns", () => {
    const verdict = guard(
      `with recent as (select zone_id, client_ip from analytics.http_requests where ts >= TIMESTAMP '2026-11-01')
       select zone_id, count(distinct client_ip) as visitors from recent group by zone_id order by 2 desc limit 10`,
    );
    expect(verdict.tables).toEqual(["analytics.http_requests"]);
    expect(verdict.piiColumns).toEqual([{ table: "analytics.http_requests", column: "client_ip", pii: "ip_address" }]);
    expect(verdict.bindings.size).toBe(1);
  });

  it("reads joins, unions, subqueries and recursive CTEs", () => {
    const sql = `
      with recursive days as (select 1 as d union all select d + 1 from days where d < 3)
      select a.plan, count(*) as n
      from accounts.accounts a join (select account_id from accounts.zones where domain ilike '%.com') z on z.account_id = a.account_id
      where a.account_id in (select account_id from accounts.zones) and exists (select 1 from days)
      group by a.plan
      union all
      select 'all', count(*) from accounts.accounts`;
    expect(guard(sql, "accounts").tables).toEqual(["accounts.accounts", "accounts.zones"]);
  });

  it("ignores case in DuckDB names and keeps it in Postgres names", () => {
    expect(guard('select * from "Analytics"."HTTP_REQUESTS"').tables).toEqual(["analytics.http_requests"]);
    const pg = buildCatalog({
      sources: [{ name: "crm", kind: "postgres", connection: { host: "db" } }],
      tables: [{ name: "users", source: "crm", physical: "public.users", description: "Users.", owner: "#crm", grain: "one row per user", columns: [{ name: "id", type: "BIGINT" }] }],
    });
    expect(guardSql({ sql: "select id from public.users", source: "crm", dialect: "postgres", catalog: pg }).tables).toEqual(["crm.users"]);
    expect(rejection(() => guardSql({ sql: 'select id from public."USERS"', source: "crm", dialect: "postgres", catalog: pg })).rule).toBe("unknown-table");
  });

  it("keeps CTE names to their own scope", () => {
    // The outer `secrets` is a real table, not the CTE defined inside the subquery.
    expect(rejection(() => guard("select * from (with secrets as (select 1 as x) select * from secrets) s, secrets")).rule).toBe("unknown-table");
    // A non-recursive CTE body cannot refer to itself, so its `http_requests` is a (bare, unknown) table.
    expect(rejection(() => guard("with http_requests as (select * from http_requests) select * from http_requests")).rule).toBe("unknown-table");
  });

  it("guards combine SQL against the saved results", () => {
    const verdict = guardSql({
      sql: "select t.zone_id, t.requests, s.domain from top_zones t join signups s using (zone_id)",
      dialect: "duckdb",
      allowedTables: ["top_zones", "signups"],
    });
    expect(verdict.tables).toEqual(["top_zones", "signups"]);
    const unknown = rejection(() => guardSql({ sql: "select * from analytics.http_requests", dialect: "duckdb", allowedTables: ["top_zones"] }));
    expect(unknown.rule).toBe("unknown-table");
    expect(unknown.message).toContain("saved results: top_zones");
    expect(rejection(() => guardSql({ sql: "select * from read_parquet('x.parquet')", dialect: "duckdb", allowedTables: ["top_zones"] })).rule).toBe("function");
    expect(rejection(() => guardSql({ sql: "drop table top_zones", dialect: "duckdb", allowedTables: ["top_zones"] })).rule).toBe("read-only");
  });
});

/** Statements that must never run, however they are dressed up. */
const refused: readonly string[] = [
  "DROP TABLE analytics.http_requests",
  "drop table if exists analytics.http_requests cascade",
  "DELETE FROM analytics.http_requests",
  "DeLeTe FrOm analytics.http_requests WHERE 1 = 1",
  "UPDATE analytics.http_requests SET status = 0",
  "INSERT INTO analytics.http_requests SELECT * FROM analytics.http_requests",
  "COPY analytics.http_requests TO '/tmp/out.csv'",
  "COPY (SELECT * FROM analytics.http_requests) TO '/tmp/out.parquet' (FORMAT parquet)",
  "ATTACH '/tmp/other.duckdb' AS other",
  "DETACH other",
  "PRAGMA database_list",
  "SET enable_external_access = true",
  "CALL pragma_table_info('analytics.http_requests')",
  "INSTALL httpfs",
  "LOAD httpfs",
  "CREATE TABLE analytics.copy_of AS SELECT * FROM analytics.http_requests",
  "CREATE VIEW everything AS SELECT * FROM analytics.http_requests",
  "ALTER TABLE analytics.http_requests ADD COLUMN x INTEGER",
  "TRUNCATE analytics.http_requests",
  "EXPORT DATABASE '/tmp/dump'",
  "CHECKPOINT",
  "EXPLAIN ANALYZE SELECT * FROM analytics.http_requests",
  "select 1; drop table analytics.http_requests",
  "select 1 /* ; drop */",
  "select 1 -- hidden\n; drop table analytics.http_requests",
  "-- just a comment\n drop table analytics.http_requests",
  "/* looks harmless */ DROP TABLE analytics.http_requests",
  "with d as (delete from analytics.http_requests returning *) select * from d",
  "select 'a\\' ; drop table analytics.http_requests; --'",
  "select 1 /* /* */ -- */ ; drop table analytics.http_requests",
  "select $$ ; $$; drop table analytics.http_requests",
  "select * from read_csv('/etc/passwd')",
  "select * from read_csv_auto('/etc/passwd')",
  "select * from '/etc/passwd'",
  "select * from read_parquet('s3://bucket/data.parquet')",
  "select * from glob('/*')",
  "select * from query('select * from accounts.accounts')",
  "select * from query_table('accounts.accounts')",
  "select * from analytics.http_requests, duckdb_settings()",
  "select current_setting('threads')",
  "select 'HOME'.getenv()",
  "select nextval('seq')",
  "select * into evil from analytics.http_requests",
  "select * from secret_table",
  'select * from "analytics"."secrets"',
  "select * from lake.analytics.http_requests",
  "select * from http_requests",
  "select * from accounts.accounts",
  "select zone_id from analytics.http_requests union all select zone_id from accounts.zones",
  "select (select max(email) from accounts.accounts) from analytics.http_requests",
  "select * from analytics.http_requests where zone_id in (select zone_id from secrets)",
  "select * from analytics.raw_events",
  "select * from (with secrets as (select 1 as x) select * from secrets) s, secrets",
  "select * from range(10)",
  "select * from (analytics.http_requests join secrets on true)",
];

describe("guardSql refuses destructive and sneaky statements", () => {
  it.each(refused)("%s", (sql) => {
    const { rule, message } = rejection(() => guard(sql));
    expect(guardRuleNames).toContain(rule);
    expect(message).toMatch(/^rejected \([a-z-]+\): /);
  });

  it("holds about forty of them", () => {
    expect(refused.length).toBeGreaterThanOrEqual(40);
  });
});

describe("guardSql messages", () => {
  it("says only queries run here when a statement is not one", () => {
    expect(rejection(() => guard("COPY analytics.http_requests TO '/tmp/x.csv'")).message).toBe(
      "rejected (read-only): only queries run here, and this starts with COPY; send a SELECT (WITH … SELECT and UNION are fine)",
    );
  });
});

describe("guardSql batches", () => {
  it("refuses a batch as a batch even when the parser cannot read the rest", () => {
    expect(rejection(() => guard("select 1; install httpfs")).rule).toBe("one-statement");
    expect(rejection(() => guard("select 1; pragma database_list")).rule).toBe("one-statement");
  });
});
