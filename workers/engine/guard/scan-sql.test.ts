import { describe, expect, it } from "vitest";
import { scanSql, sqlReadings, type SqlReading } from "./scan-sql.js";

const standard: SqlReading = { backslashEscapes: false, nestedComments: true, dollarQuotes: true, hashComments: false, tripleQuotes: false };
const mysqlish: SqlReading = { backslashEscapes: true, nestedComments: false, dollarQuotes: false, hashComments: true, tripleQuotes: false };

describe("scanSql", () => {
  it("covers every combination of readings", () => {
    expect(sqlReadings).toHaveLength(32);
  });

  it("splits on semicolons outside quotes and comments", () => {
    expect(scanSql("select ';' as a, \"x;y\" from t -- ; not here\n; select 2;", standard)?.statements).toEqual([
      "select ';' as a, \"x;y\" from t -- ; not here",
      "select 2",
    ]);
  });

  it("reads a backslash differently per reading", () => {
    const sql = "select 'a\\' ; drop table x; --'";
    expect(scanSql(sql, standard)?.statements).toEqual(["select 'a\\'", "drop table x"]);
    expect(scanSql(sql, mysqlish)?.statements).toHaveLength(1);
  });

  it("reads nested comments and dollar quotes", () => {
    const sql = "select 1 /* /* */ -- */ ; drop table x";
    expect(scanSql(sql, standard)?.statements).toHaveLength(2);
    expect(scanSql(sql, mysqlish)?.statements).toHaveLength(1);
    expect(scanSql("select $tag$ ; $tag$", standard)?.statements).toHaveLength(1);
  });

  it("gives up on what never closes", () => {
    expect(scanSql("select 'open", standard)).toBeUndefined();
    expect(scanSql("select 1 /* open", standard)).toBeUndefined();
  });
});
