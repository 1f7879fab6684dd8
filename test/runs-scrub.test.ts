import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import type { RunRecord } from "../shared/run-record.js";
import { createDuckDbRunStore } from "../shared/run-store/create-duckdb-run-store.js";
import { createPostgresRunStore } from "../shared/run-store/create-postgres-run-store.js";
import type { RunStore } from "../shared/run-store/run-store.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";

/** A record as Skiff wrote them before masking at write: raw values in the purpose, the answer, an error and the plan. */
function leakyRecord(id: string): RunRecord {
  return {
    id,
    question: "which plan is mateo@example.com on?",
    asOf: "2026-11-30T12:00:00.000Z",
    createdAt: "2026-11-30T12:00:00.000Z",
    planner: "claude",
    status: "answered",
    answer: "mateo@example.com is on the enterprise plan; the last request came from 203.0.113.7.",
    caveats: [{ kind: "partial", message: "accounts did not answer (Conversion Error: Could not convert string 'mateo@example.com' to INT32); the answer is built from the other sources." }],
    queries: [
      {
        id: "q1",
        source: "accounts",
        sql: "SELECT plan FROM accounts.accounts WHERE email = 'mateo@example.com'",
        purpose: "plan of mateo@example.com",
        rows: 0,
        ms: 3,
        truncated: false,
        error: "no DuckDB file at /home/ana/.skiff/demo.duckdb for source accounts; create it (for the demo: skiff demo seed)",
      },
    ],
    plan: { steps: [{ tool: "run_query", input: { purpose: "plan of mateo@example.com", sql: "SELECT 1" }, summary: "q1 failed on accounts" }] },
    durationMs: 12,
  };
}

function cleanRecord(id: string): RunRecord {
  return { ...leakyRecord(id), answer: "42 zones signed up today.", caveats: [], queries: [], plan: null, question: "how many zones signed up today?" };
}

async function skiff(env: Record<string, string>, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(["node", "skiff", ...args], { io: { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) }, env: { SKIFF_LOG_LEVEL: "silent", ...env } });
  return { code, out, err };
}

async function expectScrubbed(store: RunStore, id: string): Promise<void> {
  const record = await store.get(id);
  expect(record?.question).toBe("which plan is mateo@example.com on?");
  expect(record?.answer).toBe("[email] is on the enterprise plan; the last request came from [ip_address].");
  expect(record?.caveats[0]?.message).toBe("accounts did not answer (Conversion Error: Could not convert string '[email]' to INT32); the answer is built from the other sources.");
  expect(record?.queries[0]).toMatchObject({
    purpose: "plan of [email]",
    sql: "SELECT plan FROM accounts.accounts WHERE email = '[email]'",
    error: "no DuckDB file for source accounts; create it (for the demo: skiff demo seed)",
  });
  expect(JSON.stringify({ ...record, question: "" })).not.toMatch(/mateo|203\.0\.113|\/home\/ana/);
}

let home: string;
let pg: PostgresTestDatabase;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "skiff-scrub-runs-"));
  pg = await createPostgresTestDatabase();
});

afterAll(async () => {
  await pg?.drop();
  await rm(home, { recursive: true, force: true });
});

describe("skiff runs scrub", () => {
  it("cleans records in the embedded run store, says how many changed, and changes nothing the second time", async () => {
    const env = { SKIFF_HOME: join(home, "embedded") };
    const path = join(env.SKIFF_HOME, "runs.duckdb");
    const writer = createDuckDbRunStore({ path });
    await writer.save(leakyRecord("r_leaky"));
    await writer.save(cleanRecord("r_clean"));
    await writer.close();

    const first = await skiff(env, "runs", "scrub");
    expect(first).toEqual({ code: 0, out: `1 of 2 run records changed in ${path}\n`, err: "" });
    const second = await skiff(env, "runs", "scrub");
    expect(second.out).toBe(`0 of 2 run records changed in ${path}\n`);

    const reader = createDuckDbRunStore({ path });
    await expectScrubbed(reader, "r_leaky");
    expect(await reader.get("r_clean")).toEqual(cleanRecord("r_clean"));
    await reader.close();
  });

  it("cleans records in the Postgres run store when SKIFF_DATABASE_URL is set", async () => {
    const writer = createPostgresRunStore({ connectionString: pg.url });
    await writer.save(leakyRecord("r_leaky"));
    await writer.save(cleanRecord("r_clean"));
    await writer.close();

    const env = { SKIFF_HOME: join(home, "unused"), SKIFF_DATABASE_URL: pg.url };
    expect(await skiff(env, "runs", "scrub")).toEqual({ code: 0, out: "1 of 2 run records changed in the Postgres run store (SKIFF_DATABASE_URL)\n", err: "" });
    expect((await skiff(env, "runs", "scrub")).out).toBe("0 of 2 run records changed in the Postgres run store (SKIFF_DATABASE_URL)\n");

    const reader = createPostgresRunStore({ connectionString: pg.url });
    await expectScrubbed(reader, "r_leaky");
    await reader.close();
  });

  it("leaves a stored row that is not a run record alone and says which", async () => {
    const env = { SKIFF_HOME: join(home, "broken") };
    const path = join(env.SKIFF_HOME, "runs.duckdb");
    const writer = createDuckDbRunStore({ path });
    await writer.save(leakyRecord("r_leaky"));
    await writer.close();
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`INSERT INTO runs VALUES ('r_bad', TIMESTAMP '2026-11-30 11:00:00', 'q', NULL, NULL, 'answered', 'semantic', '{"id":"r_bad"}')`);
    connection.disconnectSync();
    instance.closeSync();

    const run = await skiff(env, "runs", "scrub");
    expect(run.code).toBe(1);
    expect(run.out).toBe(`1 of 1 run records changed in ${path}\n`);
    expect(run.err).toMatch(/^skiff: 1 stored runs are not run records and were left as they are: r_bad; inspect or delete them\n$/);
  });
});
