import { describe, expect, it } from "vitest";
import { lakeCatalog } from "../../test/fixtures/lake-catalog.js";
import type { Cell, QueryResult } from "../../shared/query-result.js";
import { guardSql } from "./guard-sql.js";
import { maskPii } from "./mask-pii.js";

const catalog = lakeCatalog();

/** Runs the guard and masks a result with the given column names and one row of placeholder values. */
function mask(sql: string, columns: string[], source = "accounts") {
  const verdict = guardSql({ sql, source, dialect: "duckdb", catalog });
  const row: Cell[] = columns.map((name) => `value of ${name}`);
  const result: QueryResult = { columns: columns.map((name) => ({ name, type: "VARCHAR" })), rows: [row], rowCount: 1, truncated: false, ms: 1 };
  const outcome = maskPii({ verdict, result });
  const maskedNames = outcome.masked.map((m) => `${m.column}:${m.pii}`);
  return { ...outcome, maskedNames };
}

describe("maskPii", () => {
  it("masks a selected PII column and leaves the others", () => {
    const { result, maskedNames, caveat } = mask("select account_id, email from accounts.accounts", ["account_id", "email"]);
    expect(maskedNames).toEqual(["email:email"]);
    expect(result.rows).toEqual([["value of account_id", "[masked: email]"]]);
    expect(caveat).toEqual({ kind: "pii_masked", message: "email (email) holds personal data, so the values are masked (count(distinct …) over them still works)" });
  });

  it("lets counts of a PII column through", () => {
    expect(mask("select count(distinct email) as people, count(email) from accounts.accounts", ["people", "count(email)"]).maskedNames).toEqual([]);
    expect(mask("select plan from accounts.accounts where email = 'a@b.c' group by plan", ["plan"]).maskedNames).toEqual([]);
  });

  it("masks anything else built from a PII column", () => {
    expect(mask("select min(email) from accounts.accounts", ["min(email)"]).maskedNames).toEqual(["min(email):email"]);
    expect(mask("select concat(name, ' <', email, '>') as who from accounts.accounts", ["who"]).maskedNames).toEqual(["who:person_name"]);
    expect(mask("select email.lower() as quiet from accounts.accounts", ["quiet"]).maskedNames).toEqual(["quiet:email"]);
    expect(mask("select (select max(email) from accounts.accounts) as top, plan from accounts.accounts", ["top", "plan"]).maskedNames).toEqual(["top:email"]);
  });

  it("follows aliases, subqueries and CTEs", () => {
    expect(mask("select a.email as contact from accounts.accounts a", ["contact"]).maskedNames).toEqual(["contact:email"]);
    expect(mask("select x from (select email as x from accounts.accounts) s", ["x"]).maskedNames).toEqual(["x:email"]);
    expect(mask("with c as (select email as e from accounts.accounts) select upper(e) as loud from c", ["loud"]).maskedNames).toEqual(["loud:email"]);
  });

  it("tells a PII column from a harmless one of the same name in another table", () => {
    const sql = "select z.email, a.email as owner_email from accounts.zones z join accounts.accounts a on a.account_id = z.account_id";
    expect(mask(sql, ["email", "owner_email"]).maskedNames).toEqual(["owner_email:email"]);
  });

  it("expands * by name", () => {
    const all = ["account_id", "name", "email", "plan", "created_at"];
    expect(mask("select * from accounts.accounts", all).maskedNames).toEqual(["name:person_name", "email:email"]);
    expect(mask("select * from (select email from accounts.accounts) s", ["email"]).maskedNames).toEqual(["email:email"]);
    expect(mask("select plan, *, email as again from accounts.accounts", ["plan", ...all, "again"]).maskedNames).toEqual([
      "name:person_name",
      "email:email",
      "again:email",
    ]);
  });

  it("masks a UNION column when any branch reads PII", () => {
    expect(mask("select plan from accounts.accounts union all select email from accounts.accounts", ["plan"]).maskedNames).toEqual(["plan:email"]);
  });

  it("falls back to PII column names when unsure", () => {
    const sql = "select * from (select * from accounts.accounts union all select * from accounts.accounts) s";
    expect(mask(sql, ["account_id", "name", "email", "plan", "created_at"]).maskedNames).toEqual(["name:person_name", "email:email"]);
  });

  it("keeps nulls, retypes masked columns, and masks a sampled table's IP", () => {
    const verdict = guardSql({ sql: "select ts, client_ip from analytics.http_requests", source: "analytics", dialect: "duckdb", catalog });
    const { result } = maskPii({
      verdict,
      result: {
        columns: [
          { name: "ts", type: "TIMESTAMP" },
          { name: "client_ip", type: "VARCHAR" },
        ],
        rows: [
          ["2026-11-30T00:00:00.000Z", "203.0.113.9"],
          ["2026-11-30T00:00:01.000Z", null],
        ],
        rowCount: 2,
        truncated: false,
        ms: 1,
      },
    });
    expect(result.rows).toEqual([
      ["2026-11-30T00:00:00.000Z", "[masked: ip_address]"],
      ["2026-11-30T00:00:01.000Z", null],
    ]);
    expect(result.columns[1]).toEqual({ name: "client_ip", type: "VARCHAR" });
  });

  it("does nothing when no PII column is read", () => {
    const outcome = mask("select zone_id, domain from accounts.zones", ["zone_id", "domain"]);
    expect(outcome.maskedNames).toEqual([]);
    expect(outcome.caveat).toBeUndefined();
  });
});
