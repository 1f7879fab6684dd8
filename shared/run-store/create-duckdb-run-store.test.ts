import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import nodeSqlParser from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSkiffError } from "../errors.js";
import type { RunRecord } from "../run-record.js";
import { createDuckDbRunStore } from "./create-duckdb-run-store.js";
import { runStoreMigrations, schemaMigrationsDdl } from "./migrations.js";

function record(id: string, createdAt: string, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    question: `question ${id}`,
    asOf: createdAt,
    createdAt,
    planner: "semantic",
    status: "answered",
    answer: `answer ${id}`,
    result: { columns: ["zone", "requests"], rows: [["ada.dev", 120], ["grace.org", null]] },
    caveats: [{ kind: "sampled", table: "analytics.http_requests", message: "sampled" }],
    queries: [{ id: "q1", source: "analytics", sql: "SELECT 1", purpose: "count", rows: 1, ms: 3, truncated: false }],
    plan: { metric: "requests", filters: [] },
    durationMs: 12,
    ...extra,
  };
}

describe("createDuckDbRunStore", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "skiff-run-store-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps records across close and reopen, creating the folder", async () => {
    const path = join(dir, "nested", "home", "runs.duckdb");
    const first = createDuckDbRunStore({ path });
    const saved = record("r1", "2026-11-30T10:00:00.000Z", { asker: "U123", threadId: "C1:1700000000.1" });
    await first.save(saved);
    await first.close();

    const second = createDuckDbRunStore({ path });
    expect(await second.get("r1")).toEqual(saved);
    expect(await second.get("nope")).toBeUndefined();
    await second.close();
  });

  it("replaces a record with the same id and lists newest first, by thread", async () => {
    const store = createDuckDbRunStore({ path: join(dir, "list.duckdb") });
    await Promise.all([
      store.save(record("a", "2026-11-30T09:00:00.000Z", { threadId: "t1" })),
      store.save(record("b", "2026-11-30T11:00:00.000Z", { threadId: "t2" })),
      store.save(record("c", "2026-11-30T10:00:00.000Z", { threadId: "t1" })),
    ]);
    await store.save(record("a", "2026-11-30T09:00:00.000Z", { threadId: "t1", status: "failed", answer: "retried" }));
    expect((await store.list()).map((r) => r.id)).toEqual(["b", "c", "a"]);
    expect((await store.list({ limit: 2 })).map((r) => r.id)).toEqual(["b", "c"]);
    expect((await store.list({ threadId: "t1" })).map((r) => `${r.id}:${r.status}:${r.answer}`)).toEqual(["c:answered:answer c", "a:failed:retried"]);
    await store.close();
  });

  it("releases the file between calls and after close", async () => {
    const path = join(dir, "lock.duckdb");
    const store = createDuckDbRunStore({ path });
    await store.save(record("r1", "2026-11-30T10:00:00.000Z"));
    // Another opener (standing in for another process) gets the file while the store is idle.
    const other = await DuckDBInstance.create(path);
    const connection = await other.connect();
    const versions = (await connection.runAndReadAll("SELECT version FROM schema_migrations ORDER BY version")).getRows();
    expect(versions.map((row) => Number(row[0]))).toEqual(runStoreMigrations.map((m) => m.version));
    connection.disconnectSync();
    other.closeSync();
    await store.close();
    await expect(store.get("r1")).rejects.toThrow(/closed/);
  });

  it("waits for another process that holds the file", async () => {
    const path = join(dir, "shared.duckdb");
    const script = `
      import { DuckDBInstance } from "@duckdb/node-api";
      const instance = await DuckDBInstance.create(${JSON.stringify(path)});
      process.stdout.write("locked\\n");
      setTimeout(() => { instance.closeSync(); process.exit(0); }, 400);
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (data: Buffer) => {
        if (data.toString().includes("locked")) resolve();
      });
      child.on("error", reject);
    });
    const store = createDuckDbRunStore({ path, lockTimeoutMs: 10_000 });
    const started = Date.now();
    await store.save(record("r1", "2026-11-30T10:00:00.000Z"));
    expect(Date.now() - started).toBeGreaterThan(100);
    expect((await store.get("r1"))?.id).toBe("r1");
    await store.close();
  });

  it("refuses a stored record that does not match the schema", async () => {
    const path = join(dir, "bad.duckdb");
    const writer = createDuckDbRunStore({ path });
    await writer.save(record("good", "2026-11-30T10:00:00.000Z"));
    await writer.close();
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`INSERT INTO runs VALUES ('bad', TIMESTAMP '2026-11-30 11:00:00', 'q', NULL, NULL, 'answered', 'semantic', '{"id":"bad"}')`);
    connection.disconnectSync();
    instance.closeSync();
    const store = createDuckDbRunStore({ path });
    let caught: unknown;
    try {
      await store.get("bad");
    } catch (error) {
      caught = error;
    }
    expect(isSkiffError(caught, "INTERNAL")).toBe(true);
    expect((caught as Error).message).toContain("does not match the run record schema");
    await expect(store.save({ ...record("x", "2026-11-30T10:00:00.000Z"), status: "maybe" } as unknown as RunRecord)).rejects.toThrow(/refusing to save run x/);
    await store.close();
  });

  it("shares one open file between stores on the same path in one process", async () => {
    const path = join(dir, "one-file-two-stores.duckdb");
    const a = createDuckDbRunStore({ path });
    const b = createDuckDbRunStore({ path });
    await Promise.all([a.save(record("from-a", "2026-11-30T10:00:00.000Z")), b.save(record("from-b", "2026-11-30T10:00:01.000Z"))]);
    await a.close();
    await b.save(record("after-a-closed", "2026-11-30T10:00:02.000Z"));
    expect((await b.list()).map((r) => r.id)).toEqual(["after-a-closed", "from-b", "from-a"]);
    await b.close();
    const reopened = createDuckDbRunStore({ path });
    expect(await reopened.get("from-a")).toBeDefined();
    await reopened.close();
  });

  it("keeps its migrations in SQL that Postgres reads too", () => {
    const parser = new nodeSqlParser.Parser();
    for (const statement of [schemaMigrationsDdl, ...runStoreMigrations.flatMap((m) => m.statements)]) {
      expect(() => parser.astify(statement, { database: "PostgresQL" })).not.toThrow();
    }
    expect(runStoreMigrations.map((m) => m.version)).toEqual(runStoreMigrations.map((_, index) => index + 1));
  });
});
