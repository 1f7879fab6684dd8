import { describe, expect, it } from "vitest";
import { isSkiffError } from "../../../shared/errors.js";
import { lakeCatalog } from "../../../test/fixtures/lake-catalog.js";
import type { Dialect } from "../../sql/dialect.js";
import { guardSql } from "../guard-sql.js";
import { sqlComplexityCaps } from "./sql-complexity-caps.js";

const catalog = lakeCatalog();
const requests = "FROM analytics.http_requests";

/** The rule that refused the statement, its message, and how long the guard took. */
function timed(sql: string, dialect: Dialect = "duckdb"): { rule: string; message: string; ms: number } {
  const started = performance.now();
  try {
    guardSql({ sql, source: "analytics", dialect, catalog });
    return { rule: "admitted", message: "", ms: performance.now() - started };
  } catch (error) {
    if (!isSkiffError(error, "SQL_REJECTED")) throw error;
    return { rule: String(error.detail?.rule), message: error.message, ms: performance.now() - started };
  }
}

const nestedSubqueries = (levels: number) => {
  let inner = `SELECT max(status) ${requests}`;
  for (let level = 1; level < levels; level += 1) inner = `SELECT (${inner}) AS v`;
  return inner;
};
const nestedParentheses = (levels: number) => `SELECT ${"(".repeat(levels)}status${")".repeat(levels)} ${requests}`;
const longSum = (terms: number) => `SELECT ${Array.from({ length: terms }, () => "1").join("+")} ${requests}`;

describe("too-complex: caps on a statement's size and shape", () => {
  it.each([
    ["28 nested scalar subqueries", nestedSubqueries(28), "SELECTs nest more than 8 levels deep"],
    ["a 20,000-term expression", longSum(20_000), "tokens, over Skiff's cap of 10,000"],
    ["a 100 KiB statement", `SELECT status ${requests} WHERE status IN (${Array.from({ length: 25_600 }, () => "404").join(",")})`, "KiB, over Skiff's cap of 64 KiB"],
    ["60 nested parentheses", nestedParentheses(60), "brackets nest more than 40 levels deep"],
  ])("refuses %s in well under a second, saying what to do", (_, sql, what) => {
    for (const dialect of ["duckdb", "postgres", "clickhouse", "bigquery", "trino"] as const) {
      const { rule, message, ms } = timed(sql, dialect);
      expect(rule).toBe("too-complex");
      expect(message).toContain(what);
      expect(message).toContain("split it into smaller queries or combine saved results");
      expect(ms).toBeLessThan(250);
    }
  });

  it("admits what sits at each cap", () => {
    expect(timed(nestedSubqueries(sqlComplexityCaps.maxSubqueryDepth)).rule).toBe("admitted");
    expect(timed(nestedParentheses(sqlComplexityCaps.maxBracketDepth)).rule).toBe("admitted");
    expect(timed(longSum(200)).rule).toBe("admitted");
    // CTEs and UNION arms are side by side, not nested.
    const ctes = Array.from({ length: 12 }, (_, i) => `c${i} AS (SELECT count(*) AS n ${requests})`).join(", ");
    expect(timed(`WITH ${ctes} SELECT * FROM c0 UNION ALL ${Array.from({ length: 11 }, (_, i) => `SELECT * FROM c${i + 1}`).join(" UNION ALL ")}`).rule).toBe("admitted");
  });

  it("counts brackets the way either reading of backslashes sees them", () => {
    const hidden = `SELECT status ${requests} WHERE status = 'a\\' OR ${"(".repeat(41)}1${")".repeat(41)} = 1 OR ''`;
    expect(timed(hidden).rule).toBe("too-complex");
    expect(timed(`SELECT '${"(".repeat(100)}' ${requests}`).rule).toBe("admitted");
  });

  it("refuses expressions deeper than the parsed tree's cap before the guard walks them", () => {
    for (const sql of [longSum(1_000), `SELECT 1 ${requests} WHERE ${"NOT ".repeat(1_000)}true`, `SELECT ${"- ".repeat(1_000)}1 ${requests}`]) {
      const { rule, message, ms } = timed(sql);
      expect(rule).toBe("too-complex");
      expect(message).toContain(`nest more than ${sqlComplexityCaps.maxTreeDepth} levels deep`);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it("turns the parser running out of stack into the same refusal, in every mode", () => {
    const cases = `SELECT ${"CASE WHEN true THEN ".repeat(1_000)}1${" END".repeat(1_000)} ${requests}`;
    for (const dialect of ["duckdb", "clickhouse"] as const) {
      const { rule, message } = timed(cases, dialect);
      expect(rule).toBe("too-complex");
      expect(message).toContain("split it into smaller queries or combine saved results");
    }
    const scratch = () => guardSql({ sql: cases.replace(requests, "FROM top_zones"), dialect: "duckdb", allowedTables: ["top_zones"] });
    expect(scratch).toThrow(/rejected \(too-complex\)/);
  });
});
