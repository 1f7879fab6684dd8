import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { RunRecord } from "../run-record.js";
import { createPostgresRunStore } from "./create-postgres-run-store.js";

const url = "postgres://postgres@127.0.0.1:5432/postgres";
const schema = `skiff_runs_${randomBytes(4).toString("hex")}`;

function record(id: string, createdAt: string, threadId?: string): RunRecord {
  return {
    id,
    question: `question ${id}`,
    asker: "U1",
    asOf: createdAt,
    createdAt,
    planner: "semantic",
    status: "answered",
    answer: "42",
    result: { columns: ["n"], rows: [[42]] },
    caveats: [{ kind: "sampled", message: "sampled 1 in 10" }],
    queries: [{ id: "q1", source: "analytics", sql: "SELECT 42", purpose: "the number", rows: 1, ms: 3, truncated: false }],
    plan: { kind: "metric" },
    durationMs: 12,
    ...(threadId ? { threadId } : {}),
  };
}

afterAll(async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describe("createPostgresRunStore", () => {
  it("migrates once, saves, replaces, gets and lists by thread newest first", async () => {
    const first = createPostgresRunStore({ connectionString: url, schema });
    const second = createPostgresRunStore({ connectionString: url, schema });
    // Two processes starting at once both migrate safely.
    await Promise.all([first.save(record("a", "2026-11-30T10:00:00.000Z", "t1")), second.save(record("b", "2026-11-30T11:00:00.000Z", "t1"))]);
    await first.save(record("c", "2026-11-30T12:00:00.000Z", "t2"));
    await first.save({ ...record("a", "2026-11-30T10:00:00.000Z", "t1"), answer: "43" });

    expect((await second.get("a"))?.answer).toBe("43");
    expect(await second.get("nope")).toBeUndefined();
    expect((await second.list({ threadId: "t1" })).map((r) => r.id)).toEqual(["b", "a"]);
    expect((await second.list({ limit: 2 })).map((r) => r.id)).toEqual(["c", "b"]);
    expect(await second.get("c")).toEqual(record("c", "2026-11-30T12:00:00.000Z", "t2"));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const versions = await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    await client.end();
    expect(versions.rows.map((r: { version: number }) => r.version)).toEqual([1, 2]);

    await first.saveFeedback({ runId: "a", user: "U1", rating: "up", createdAt: "2026-11-30T12:00:00.000Z" });
    await first.saveFeedback({ runId: "a", user: "U2", rating: "up", createdAt: "2026-11-30T12:01:00.000Z" });
    await first.saveFeedback({ runId: "a", user: "U2", rating: "down", comment: "wrong day", createdAt: "2026-11-30T12:02:00.000Z" });
    expect(await second.listFeedback("a")).toEqual([
      { runId: "a", user: "U1", rating: "up", createdAt: "2026-11-30T12:00:00.000Z" },
      { runId: "a", user: "U2", rating: "down", comment: "wrong day", createdAt: "2026-11-30T12:02:00.000Z" },
    ]);
    expect(await second.listFeedback("b")).toEqual([]);
    await Promise.all([first.close(), second.close()]);
  });

  it("says what to check when Postgres is unreachable", async () => {
    const store = createPostgresRunStore({ connectionString: "postgres://postgres@127.0.0.1:1/postgres", schema });
    await expect(store.get("a")).rejects.toThrow(/SKIFF_DATABASE_URL/);
    await store.close();
  });
});
