import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSchema } from "../../catalog/model/source-schema.js";
import { isSkiffError, type SkiffError } from "../../shared/errors.js";
import { peakRss } from "../../test/fixtures/peak-rss.js";
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
      CREATE TABLE lake.accounts AS SELECT range AS id FROM range(1000);
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

  it("cuts cells at the cell cap and stops at the result cap while reading: 1,000 rows of 5 MB never reach memory", async () => {
    const { value: result, grewBytes } = await peakRss(() => lake.query("SELECT id, repeat('x', 5000000) AS s FROM lake.accounts", limits));
    expect(result.truncated).toBe(true);
    // 16 MiB of 64 KiB cells.
    expect(result.rowCount).toBeGreaterThan(200);
    expect(result.rowCount).toBeLessThan(260);
    for (const [, cell] of result.rows) {
      expect(Buffer.byteLength(String(cell))).toBeLessThanOrEqual(64 * 1024);
      expect(String(cell)).toMatch(/^x+…\[cut at 64 KiB\]$/);
    }
    expect(result.columns.map((c) => c.type)).toEqual(["BIGINT", "VARCHAR"]);
    expect(grewBytes).toBeLessThan(500 * 1024 * 1024);
  });

  it("keeps a cell of exactly the cap whole, and cuts multibyte text on a character boundary", async () => {
    const result = await lake.query("SELECT repeat('a', 65536) AS exact, repeat('é', 40000) AS wide, '\\xAA'::BLOB AS blob", limits);
    const [exact, wide, blob] = result.rows[0] ?? [];
    expect(exact).toBe("a".repeat(65536));
    expect(Buffer.byteLength(String(wide))).toBeLessThanOrEqual(65536);
    expect(String(wide)).toMatch(/^é+…\[cut at 64 KiB\]$/);
    expect(blob).toBe("\\xAA");
    expect(result.truncated).toBe(true);
    const small = await lake.query("SELECT repeat('a', 65536) AS exact", { ...limits, maxCellBytes: 65536 });
    expect(small.truncated).toBe(false);
  });

  it("stops at the result cap with the rows that fit, in order", async () => {
    const cut = await lake.query("SELECT n, repeat('y', 1000) AS pad FROM lake.numbers ORDER BY n DESC", { ...limits, maxResultBytes: 100_000 });
    expect(cut.truncated).toBe(true);
    expect(cut.rowCount).toBeGreaterThan(90);
    expect(cut.rowCount).toBeLessThan(100);
    expect(cut.rows.map((row) => row[0])).toEqual(Array.from({ length: cut.rowCount }, (_, i) => 4999 - i));
    const whole = await lake.query("SELECT n, repeat('y', 1000) AS pad FROM lake.numbers WHERE n < 50", { ...limits, maxResultBytes: 100_000 });
    expect(whole).toMatchObject({ rowCount: 50, truncated: false });
  });

  it("opens the file with its memory_limit and threads, and a statement past the memory ends with a clear limit error", async () => {
    const small = join(dir, "small.duckdb");
    const writer = await DuckDBInstance.create(small);
    const connection = await writer.connect();
    await connection.run("CREATE TABLE accounts AS SELECT range AS id FROM range(1000)");
    connection.disconnectSync();
    writer.closeSync();
    const source = (name: string, memoryLimit: string, threads: number) =>
      createDuckDbSource({ source: sourceSchema.parse({ name, kind: "duckdb", connection: { path: small } }), env: {}, memoryLimit, threads });
    const tight = source("tight", "200MB", 1);
    // A second source on the file shares its database, settings and all, rather than failing to open it.
    const other = source("other", "2GB", 2);
    try {
      const settings = "SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads";
      expect((await tight.query(settings, limits)).rows).toEqual([["190.7 MiB", 1]]);
      expect((await other.query(settings, limits)).rows).toEqual([["190.7 MiB", 1]]);
      // Each row's text is made before it can be cut: 1,000 × 5 MB in one chunk.
      const { value: error, grewBytes } = await peakRss(() => failure(tight.query("SELECT repeat('x', 5000000 + id % 2) AS s FROM accounts", limits)));
      expect(error.code).toBe("TOO_EXPENSIVE");
      expect(error.message).toMatch(/needed more memory .*SKIFF_DUCKDB_MEMORY_LIMIT.*Out of Memory/);
      expect(grewBytes).toBeLessThan(500 * 1024 * 1024);
      expect((await tight.query("SELECT count(*) AS n FROM accounts", limits)).rows).toEqual([[1000]]);
    } finally {
      await tight.close();
      await other.close();
    }
  });

  it("stops waiting at the deadline when DuckDB ignores its interrupt, and the source goes on answering", async () => {
    // Constant folding runs while the statement is planned, where DuckDB does not look at interrupts: seconds of work.
    const started = performance.now();
    const error = await failure(lake.query("SELECT list_reduce(range(6000000), (a, b) -> a + b) AS total", { timeoutMs: 300, maxRows: 1 }));
    const ms = performance.now() - started;
    expect(error.code).toBe("QUERY_TIMEOUT");
    expect(error.message).toMatch(/lake did not answer within 1\.8 s/);
    expect(ms).toBeLessThan(300 + 2_000 + 3_000);
    expect((await lake.query("SELECT 1 AS one", limits)).rows).toEqual([[1]]);
  });

  it("refuses an unset variable without default", () => {
    expect(() => createDuckDbSource({ source: sourceSchema.parse({ name: "x", kind: "duckdb", connection: { path: "${UNSET_DB}" } }), env: {} })).toThrow(/UNSET_DB/);
  });
});
