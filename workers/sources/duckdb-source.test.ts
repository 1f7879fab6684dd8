import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSchema } from "../../catalog/model/source-schema.js";
import { isSkiffError, type SkiffError } from "../../shared/errors.js";
import { createDuckDbSource } from "./duckdb-source.js";
import type { SourceAdapter } from "./source-adapter.js";

const limits = { timeoutMs: 10_000, maxRows: 1_000 };

async function failure(promise: Promise<unknown>): Promise<SkiffError> {
  try {
    await promise;
  } catch (error) {
    if (isSkiffError(error)) return error;
    throw error;
  }
  throw new Error("expected the promise to reject");
}

describe("createDuckDbSource", () => {
  let dir: string;
  let path: string;
  let lake: SourceAdapter;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "skiff-duckdb-source-"));
    path = join(dir, "fixture.duckdb");
    const writer = await DuckDBInstance.create(path);
    const connection = await writer.connect();
    await connection.run(`
      CREATE SCHEMA lake;
      CREATE TABLE lake.kinds AS SELECT
        42::BIGINT AS small_big,
        9007199254740993::BIGINT AS huge_big,
        170141183460469231731687303715884105727::HUGEINT AS huge,
        12.34::DECIMAL(12,2) AS price,
        DATE '2026-11-29' AS day,
        TIMESTAMP '2026-11-30 10:11:12.345678' AS at,
        TIMESTAMP '1969-12-31 23:59:59.9999' AS before_epoch,
        TIMESTAMPTZ '2026-11-30 10:11:12+02' AS at_tz,
        'x' AS label,
        true AS flag,
        'NaN'::DOUBLE AS not_a_number,
        [1, 2] AS list,
        NULL::VARCHAR AS nothing;
      CREATE TABLE lake.numbers AS SELECT range AS n FROM range(5000);
    `);
    connection.disconnectSync();
    writer.closeSync();
    lake = createDuckDbSource({ source: sourceSchema.parse({ name: "lake", kind: "duckdb", connection: { path: "${LAKE_DB}" } }), env: { LAKE_DB: path } });
  });

  afterAll(async () => {
    await lake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("converts DuckDB values to JSON-safe cells and reports column types", async () => {
    const result = await lake.query("SELECT * FROM lake.kinds", limits);
    expect(result.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      "small_big:BIGINT",
      "huge_big:BIGINT",
      "huge:HUGEINT",
      "price:DECIMAL(12,2)",
      "day:DATE",
      "at:TIMESTAMP",
      "before_epoch:TIMESTAMP",
      "at_tz:TIMESTAMP WITH TIME ZONE",
      "label:VARCHAR",
      "flag:BOOLEAN",
      "not_a_number:DOUBLE",
      "list:INTEGER[]",
      "nothing:VARCHAR",
    ]);
    expect(result.rows).toEqual([
      [
        42,
        "9007199254740993",
        "170141183460469231731687303715884105727",
        12.34,
        "2026-11-29",
        "2026-11-30T10:11:12.345Z",
        "1969-12-31T23:59:59.999Z",
        "2026-11-30T08:11:12.000Z",
        "x",
        true,
        "NaN",
        "[1, 2]",
        null,
      ],
    ]);
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
    expect(result.rowCount).toBe(1);
    expect(result.truncated).toBe(false);
  });

  it("reads one row past the cap to tell a cut result from an exact one", async () => {
    const cut = await lake.query("SELECT n FROM lake.numbers ORDER BY n", { ...limits, maxRows: 10 });
    expect(cut.rows).toHaveLength(10);
    expect(cut.rowCount).toBe(10);
    expect(cut.truncated).toBe(true);
    expect(cut.rows[9]).toEqual([9]);

    const exact = await lake.query("SELECT n FROM lake.numbers WHERE n < 10", { ...limits, maxRows: 10 });
    expect(exact.rows).toHaveLength(10);
    expect(exact.truncated).toBe(false);

    const big = await lake.query("SELECT * FROM range(100000000)", { ...limits, maxRows: 3 });
    expect(big.rows).toHaveLength(3);
    expect(big.truncated).toBe(true);
  });

  it("interrupts a statement that runs past its timeout", async () => {
    const started = Date.now();
    const error = await failure(lake.query("SELECT count(*) FROM range(10000000000)", { timeoutMs: 200, maxRows: 10 }));
    expect(error.code).toBe("QUERY_TIMEOUT");
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The source still answers afterwards.
    expect((await lake.query("SELECT 1 AS one", limits)).rows).toEqual([[1]]);
  });

  it("stops when the caller's signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("the run's deadline passed")), 100);
    const error = await failure(lake.query("SELECT count(*) FROM range(10000000000)", { timeoutMs: 10_000, maxRows: 10, signal: controller.signal }));
    expect(error.code).toBe("QUERY_TIMEOUT");
    expect(error.message).toContain("deadline");
  });

  it("cannot write, even when the guard is bypassed", async () => {
    const create = await failure(lake.query("CREATE TABLE lake.evil AS SELECT 1 AS x", limits));
    expect(create.code).toBe("SQL_FAILED");
    expect(create.message).toMatch(/read-only/i);
    const del = await failure(lake.query("DELETE FROM lake.numbers", limits));
    expect(del.code).toBe("SQL_FAILED");
    const copy = await failure(lake.query(`COPY lake.numbers TO '${join(dir, "out.csv")}'`, limits));
    expect(copy.code).toBe("SQL_FAILED");
    const read = await failure(lake.query("SELECT * FROM read_csv('/etc/passwd')", limits));
    expect(read.code).toBe("SQL_FAILED");
    const unlock = await failure(lake.query("SET enable_external_access = true", limits));
    expect(unlock.code).toBe("SQL_FAILED");
    const batch = await failure(lake.query("SELECT 1; DROP TABLE lake.numbers", limits));
    expect(batch.code).toBe("SQL_REJECTED");
    expect((await lake.query("SELECT count(*) AS n FROM lake.numbers", limits)).rows).toEqual([[5000]]);
  });

  it("returns DuckDB's own message when SQL fails, so the agent can repair it", async () => {
    const error = await failure(lake.query("SELECT nope FROM lake.numbers", limits));
    expect(error.code).toBe("SQL_FAILED");
    expect(error.message).toContain("nope");
    expect(error.message).toMatch(/Binder Error/);
  });

  it("passes a health check", async () => {
    await expect(lake.healthCheck()).resolves.toBeUndefined();
  });

  it("shares one database between sources on the same file", async () => {
    const source = (name: string) => createDuckDbSource({ source: sourceSchema.parse({ name, kind: "duckdb", connection: { path } }), env: {} });
    const a = source("a");
    const b = source("b");
    expect((await a.query("SELECT count(*) AS n FROM lake.numbers", limits)).rows).toEqual([[5000]]);
    expect((await b.query("SELECT count(*) AS n FROM lake.numbers", limits)).rows).toEqual([[5000]]);
    await a.close();
    expect((await b.query("SELECT 2 AS two", limits)).rows).toEqual([[2]]);
    await b.close();
  });

  it("says how to create a missing file", async () => {
    const missing = createDuckDbSource({
      source: sourceSchema.parse({ name: "accounts", kind: "duckdb", connection: { path: "${NOPE_DB:-" + join(dir, "absent.duckdb") + "}" } }),
      env: {},
    });
    const error = await failure(missing.query("SELECT 1", limits));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.message).toContain(join(dir, "absent.duckdb"));
    expect(error.message).toContain("source accounts");
    expect(error.message).toContain("skiff demo seed");
    const health = await failure(missing.healthCheck());
    expect(health.code).toBe("SOURCE_UNAVAILABLE");
  });

  it("refuses an unset variable without default", () => {
    expect(() => createDuckDbSource({ source: sourceSchema.parse({ name: "x", kind: "duckdb", connection: { path: "${UNSET_DB}" } }), env: {} })).toThrow(/UNSET_DB/);
  });
});
