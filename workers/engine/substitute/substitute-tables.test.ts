import { describe, expect, it } from "vitest";
import { lakeCatalog } from "../../../test/fixtures/lake-catalog.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { Dialect } from "../../sql/dialect.js";
import { guardSql } from "../guard-sql.js";
import { createPiiKey, pseudonymOf, redactPiiKey } from "./pii-key.js";
import { substituteTables } from "./substitute-tables.js";
import { tableProjection } from "./table-projection.js";

const catalog = lakeCatalog();
const key = createPiiKey("a fixed secret for the substitution tests, 32+ chars");

/** Guards and substitutes; the projection is shortened to `<P:table>` so the splice is readable. */
function substitute(sql: string, source = "accounts", dialect: Dialect = "duckdb"): string {
  const verdict = guardSql({ sql, source, dialect, catalog });
  const tables = verdict.tables.map((id) => catalog.tables.get(id)).filter((t): t is Table => t !== undefined);
  return substituteTables({
    sql,
    dialect,
    tables,
    referenceCounts: verdict.referenceCounts,
    projectionFor: (table, written) => (tableProjection(table, dialect, key, written) === undefined ? undefined : `<P:${written}>`),
  }).sql;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return "admitted";
}

describe("substituteTables", () => {
  it("replaces each reference and keeps the alias the statement gave, or adds the table's own name", () => {
    expect(substitute("SELECT a.email FROM accounts.accounts a")).toBe("SELECT a.email FROM <P:accounts.accounts> a");
    expect(substitute("SELECT email FROM accounts.accounts AS t(x, y)")).toBe("SELECT email FROM <P:accounts.accounts> AS t(x, y)");
    expect(substitute("SELECT accounts.email FROM accounts.accounts WHERE plan = 'pro'")).toBe('SELECT accounts.email FROM <P:accounts.accounts> AS "accounts" WHERE plan = \'pro\'');
    expect(substitute('SELECT 1 FROM "accounts" . "accounts" JOIN accounts.zones z USING (account_id)')).toBe(
      'SELECT 1 FROM <P:"accounts" . "accounts"> AS "accounts" JOIN accounts.zones z USING (account_id)',
    );
  });

  it("finds references in subqueries, CTEs and set operations, and leaves tables with nothing to hide alone", () => {
    expect(substitute("WITH c(x) AS (SELECT email FROM accounts.accounts) SELECT x FROM c UNION ALL SELECT email FROM accounts.accounts")).toBe(
      'WITH c(x) AS (SELECT email FROM <P:accounts.accounts> AS "accounts") SELECT x FROM c UNION ALL SELECT email FROM <P:accounts.accounts> AS "accounts"',
    );
    expect(substitute("SELECT count(*) FROM accounts.zones")).toBe("SELECT count(*) FROM accounts.zones");
  });

  it("ignores the name in strings, comments, qualified columns and calls", () => {
    expect(substitute("SELECT 'accounts.accounts', accounts.accounts.plan -- accounts.accounts\nFROM accounts.accounts a")).toBe(
      "SELECT 'accounts.accounts', accounts.accounts.plan -- accounts.accounts\nFROM <P:accounts.accounts> a",
    );
  });

  it("refuses a statement that names the table more often than the guard saw it in FROM or JOIN", () => {
    // A $-quoted string hides the name from the parser but not from the token scan.
    expect(refusal(() => substitute("SELECT $$ accounts.accounts $$ FROM accounts.accounts a", "accounts", "postgres"))).toMatch(/^rejected \(substitution\)/);
  });

  it("never sees a statement whose quotes read differently with and without backslash escapes: the guard refuses it", () => {
    // The parser reads `\'` as an escape and sees no table; Postgres reads a standard string and then accounts.accounts.
    expect(refusal(() => substitute("SELECT 'a\\' , 1 FROM accounts.accounts a, (SELECT 1) b --'", "accounts", "postgres"))).toMatch(/^rejected \(parse\): a string literal ends/);
    expect(substitute("SELECT regexp_matches(email, '\\d+\\\\') FROM accounts.accounts a")).toBe("SELECT regexp_matches(email, '\\d+\\\\') FROM <P:accounts.accounts> a");
  });

  it("builds the projection with every reviewed column, PII as keyed pseudonyms, and redacts the key", () => {
    const table = catalog.tables.get("accounts.accounts") as Table;
    const sql = tableProjection(table, "duckdb", key, "accounts.accounts") ?? "";
    expect(sql).toMatch(/^\(SELECT "account_id", .* AS "email", .* FROM accounts\.accounts\)$/);
    expect(redactPiiKey(sql, key)).not.toContain(key.innerPadHex);
    expect(redactPiiKey(sql, key)).toContain("<pii key>");
  });

  it("computes the same pseudonym as Skiff's own HMAC", () => {
    expect(pseudonymOf(key, "email", "ada@example.com")).toMatch(/^\[email:[0-9a-f]{16}\]$/);
    expect(pseudonymOf(key, "email", "ada@example.com")).toBe(pseudonymOf(createPiiKey("a fixed secret for the substitution tests, 32+ chars"), "email", "ada@example.com"));
    expect(pseudonymOf(key, "email", "ada@example.com")).not.toBe(pseudonymOf(createPiiKey("another secret of at least thirty-two chars"), "email", "ada@example.com"));
  });
});
