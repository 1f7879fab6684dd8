import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/model/catalog.js";
import { fixedClock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { RunRecord } from "../shared/run-record.js";
import { isSkiffError, type SkiffError } from "../shared/errors.js";
import { findPii } from "../shared/scrub/find-pii.js";
import { createEngine, type Engine } from "../workers/engine/create-engine.js";
import { scrubEngineError } from "../workers/engine/errors/scrub-engine-error.js";
import type { ExecutedQuery, PlannedQuery } from "../workers/engine/planned-query.js";
import { answerQuestion } from "../workers/pipeline/answer-question.js";
import type { Planner } from "../workers/planner/planner.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../workers/sources/source-adapter.js";
import { buildCatalog } from "./fixtures/catalog-fixture.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "./fixtures/clickhouse-test-database.js";
import { createMemoryRunStore } from "./fixtures/memory-run-store.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";

/** What the tickets tables hold; none of it may come back in any text Skiff produces. */
const contact = "mateo@example.com";
const clientIp = "203.0.113.7";
const phone = "+44 20 7946 0958";
const rawValues = [contact, "mateo", "example.com", clientIp, "203.0.113", "7946 0958"];

const now = new Date("2026-11-30T12:00:00Z");
const limits = { maxRows: 100, queryTimeoutMs: 5_000, runDeadlineMs: 20_000, maxTransferRows: 1_000, freshnessCacheMs: 60_000 };
const ticketColumns = [
  { name: "ticket_id", type: "INTEGER" },
  // Not tagged as PII on purpose: the text paths must hold even where the catalog misses a column.
  { name: "contact", type: "VARCHAR" },
  { name: "client_ip", type: "VARCHAR" },
  { name: "phone", type: "VARCHAR" },
];
const table = (source: string, physical: string) => ({ name: "tickets", source, physical, description: "Support tickets.", owner: "#support", grain: "one row per ticket", columns: ticketColumns });

let dir: string;
let missingLake: string;
let pg: PostgresTestDatabase;
let ch: ClickHouseTestDatabase;
let catalog: Catalog;
let adapters: Map<string, SourceAdapter>;

/** A logger writing JSON lines into an array, as the operator's log would hold them. */
function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: pino({ level: "debug", base: undefined }, { write: (line: string) => void lines.push(line) }), lines };
}

function engineWith(logger: Logger): Engine {
  return createEngine({ catalog, sources: adapters, limits, clock: fixedClock(now), logger });
}

/** Runs the given statements in parallel and answers with what came back; `strict` fails the answer when one failed. */
function scriptedPlanner(queries: readonly Omit<PlannedQuery, "id">[], strict = false): Planner {
  return {
    kind: "semantic",
    async answer(_request, runner) {
      const executed = await runner.run(queries.map((q) => ({ ...q, id: runner.nextId() })));
      const failed = executed.find((e) => e.error);
      if (strict && failed?.error) throw failed.error;
      const answered = executed.filter((e) => e.result);
      return { answer: `${answered.length} of ${executed.length} queries answered`, assumptions: [], plan: { queries: queries.map((q) => q.sql) } };
    },
  };
}

async function ask(planner: Planner, logger: Logger): Promise<RunRecord> {
  const engine = engineWith(logger);
  try {
    return await answerQuestion(
      { catalog, engine, planner, runStore: createMemoryRunStore(), clock: fixedClock(now), logger, deadlineMs: limits.runDeadlineMs },
      { question: "which tickets came from mateo@example.com?" },
    );
  } finally {
    engine.close();
  }
}

/** No raw value, no PII shape and no quoted text anywhere in what the asker, the model and the record get. */
function expectClean(text: string): void {
  for (const value of rawValues) expect(text).not.toContain(value);
  expect(findPii(text)).toEqual([]);
}

function expectCleanFailure(executed: ExecutedQuery | undefined, lines: readonly string[]): void {
  expect(executed?.error?.code).toBe("SQL_FAILED");
  expect(executed?.error?.retryable).toBe(false);
  expect(executed?.error?.cause).toBeUndefined();
  const message = executed?.error?.message ?? "";
  expect(message).not.toMatch(/(?<!\w)'|'(?!\w)|["`]/);
  expect(message).not.toMatch(/LINE \d|\^/);
  expect(executed?.record.error).toBe(message);
  expect(executed?.caveats).toEqual([]);
  expectClean(JSON.stringify({ message, record: executed?.record, caveats: executed?.caveats }));
  expect(lines.length).toBeGreaterThan(0);
  expectClean(lines.join(""));
  const warned = lines.map((line) => JSON.parse(line) as { level: number; msg: string; message?: string; err?: unknown }).find((l) => l.msg === "query did not run to completion");
  expect(warned).toMatchObject({ level: 40, message });
  expect(warned?.err).toBeUndefined();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "skiff-scrub-"));
  missingLake = join(dir, "nowhere", "lake.duckdb");
  const lakePath = join(dir, "ticket_lake.duckdb");
  const instance = await DuckDBInstance.create(lakePath);
  const connection = await instance.connect();
  await connection.run(`CREATE SCHEMA support; CREATE TABLE support.tickets AS SELECT 1 AS ticket_id, '${contact}' AS contact, '${clientIp}' AS client_ip, '${phone}' AS phone`);
  connection.disconnectSync();
  instance.closeSync();

  [pg, ch] = await Promise.all([createPostgresTestDatabase(), createClickHouseTestDatabase()]);
  await pg.exec(`CREATE SCHEMA support; CREATE TABLE support.tickets AS SELECT 1 AS ticket_id, '${contact}'::text AS contact, '${clientIp}'::text AS client_ip, '${phone}'::text AS phone`);
  await ch.exec(`CREATE TABLE ${ch.name}.tickets (ticket_id Int32, contact String, client_ip String, phone String) ENGINE = Memory`);
  await ch.exec(`INSERT INTO ${ch.name}.tickets VALUES (1, '${contact}', '${clientIp}', '${phone}')`);

  catalog = buildCatalog({
    sources: [
      { name: "lake", kind: "duckdb", connection: { path: lakePath } },
      { name: "crm", kind: "postgres", connection: { url: "${PG_URL}" } },
      { name: "edge", kind: "clickhouse", connection: { url: "${CH_URL}" } },
      { name: "gone", kind: "duckdb", connection: { path: missingLake } },
      { name: "down", kind: "postgres", connection: { url: "postgres://postgres@127.0.0.1:1/postgres" } },
    ],
    tables: [table("lake", "support.tickets"), table("crm", "support.tickets"), table("edge", `${ch.name}.tickets`), table("gone", "support.tickets"), table("down", "support.tickets")],
  });
  const env = { PG_URL: pg.url, CH_URL: ch.url };
  adapters = new Map([...catalog.sources.values()].map((source) => [source.name, createSourceAdapter(source, env)]));
});

afterAll(async () => {
  await Promise.allSettled([...(adapters?.values() ?? [])].map((adapter) => adapter.close()));
  await pg?.drop();
  await ch?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("engine errors that quote a value, through the real engines", () => {
  it.each([
    ["lake", "SELECT CAST(contact AS INTEGER) AS n FROM support.tickets", /^lake: a value in the data could not be converted to INTEGER; .*TRY_CAST/],
    ["lake", "SELECT CAST(phone AS BIGINT) AS n FROM support.tickets", /converted to BIGINT; .*hold numbers/],
    ["lake", "SELECT CAST(client_ip AS DATE) AS d FROM support.tickets", /converted to DATE; .*hold dates or times/],
    ["lake", "SELECT strptime(contact, '%Y') AS t FROM support.tickets", /^lake: a value in the data could not be parsed with the format/],
    ["crm", "SELECT contact::int AS n FROM support.tickets", /^crm: a value in the data could not be converted to INTEGER; .*filter out the rows/],
    ["crm", "SELECT client_ip::date AS d FROM support.tickets", /converted to DATE/],
    ["crm", "SELECT phone::numeric AS n FROM support.tickets", /converted to NUMERIC/],
    ["crm", "SELECT CAST(length(contact) || '99999999999' AS int) AS n FROM support.tickets", /^crm: a value in the data is out of range for INTEGER/],
    ["edge", `SELECT toInt32(client_ip) AS n FROM tickets`, /^edge: a value in the data could not be converted to Int32; .*toInt32OrNull/],
    ["edge", `SELECT toDate(contact) AS d FROM tickets`, /converted to Date/],
    ["edge", `SELECT toUUID(contact) AS u FROM tickets`, /converted to UUID/],
  ])("%s: %s fails with a plain reason and no value anywhere", async (source, sql, reason) => {
    const { logger, lines } = capturedLogger();
    const physical = source === "edge" ? sql.replace("FROM tickets", `FROM ${ch.name}.tickets`) : sql;
    const executed = await engineWith(logger).run({ id: "q1", source, sql: physical, purpose: "cast" });
    expect(executed.error?.message).toMatch(reason);
    expectCleanFailure(executed, lines);
  });

  it("lake: error() on a value (which the guard refuses today) is scrubbed all the same", async () => {
    const adapter = adapters.get("lake");
    const caught = await adapter?.query("SELECT error(contact) AS e FROM support.tickets", { timeoutMs: 5_000, maxRows: 10 }).catch((error: unknown) => error);
    expect(isSkiffError(caught)).toBe(true);
    expect((caught as Error).message).toContain(contact);
    const { error, files, servers } = scrubEngineError(caught as SkiffError, { sql: "SELECT error(contact) AS e FROM support.tickets", source: "lake", catalog, dialect: "duckdb" });
    expect(error.message).toMatch(/^lake: the statement raised an error built from a value in the data/);
    expect({ code: error.code, retryable: error.retryable, files, servers }).toEqual({ code: "SQL_FAILED", retryable: false, files: [], servers: [] });
    expectClean(error.message);
  });

  it("scratch: a combine that casts a saved value fails with a plain reason and no value", async () => {
    const { logger, lines } = capturedLogger();
    const engine = engineWith(logger);
    const scratch = await engine.openScratch();
    try {
      await scratch.load("tickets", { columns: [{ name: "contact", type: "VARCHAR" }], rows: [[contact]], rowCount: 1, truncated: false, ms: 1 });
      const combined = await scratch.query("SELECT CAST(contact AS INTEGER) AS n FROM tickets", "cast", "combine1");
      expect(combined.error?.message).toMatch(/^scratch: a value in the data could not be converted to INTEGER/);
      expect(combined.record.error).toBe(combined.error?.message);
      expectClean(`${combined.error?.message ?? ""}${lines.join("")}`);
    } finally {
      await scratch.close();
      engine.close();
    }
  });

  it("keeps what the model needs to repair its SQL: the names the statement used, never values", async () => {
    const { logger, lines } = capturedLogger();
    const [duck, postgres, clickhouse] = await engineWith(logger).runAll([
      { id: "q1", source: "lake", sql: `SELECT nope FROM support.tickets WHERE contact = '${contact}'`, purpose: "typo" },
      { id: "q2", source: "crm", sql: `SELECT "Contact" FROM support.tickets WHERE client_ip = '${clientIp}'`, purpose: "typo" },
      { id: "q3", source: "edge", sql: `SELECT nope FROM ${ch.name}.tickets WHERE phone = '${phone}'`, purpose: "typo" },
    ]);
    expect(duck?.error?.message).toMatch(/^Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "\w+"/);
    expect(postgres?.error?.message).toBe('crm: column "Contact" does not exist');
    expect(clickhouse?.error?.message).toMatch(/Unknown identifier: nope/);
    for (const executed of [duck, postgres, clickhouse]) {
      expect(executed?.error?.code).toBe("SQL_FAILED");
      expectClean(`${executed?.error?.message ?? ""}${executed?.record.error ?? ""}`);
    }
    expectClean(lines.join(""));
  });

  it("a conversion failure is an error in the answer, never a partial caveat, and the record holds no value", async () => {
    const { logger, lines } = capturedLogger();
    const record = await ask(
      scriptedPlanner([
        { source: "lake", sql: "SELECT count(*) AS n FROM support.tickets", purpose: "tickets" },
        { source: "crm", sql: "SELECT contact::int AS n FROM support.tickets", purpose: `tickets of ${contact}` },
        { source: "edge", sql: `SELECT toInt32(client_ip) AS n FROM ${ch.name}.tickets`, purpose: `requests from ${clientIp}` },
      ]),
      logger,
    );
    expect(record.status).toBe("answered");
    expect(record.caveats.map((c) => c.kind)).not.toContain("partial");
    expect(record.queries.map((q) => q.error?.split(":")[0])).toEqual([undefined, "crm", "edge"]);
    expect(record.queries[1]?.purpose).toBe("tickets of [email]");
    expect(record.question).toBe("which tickets came from mateo@example.com?");
    expectClean(JSON.stringify({ ...record, question: "" }));
    expectClean(lines.join(""));
  });

  it("a run that fails on a conversion says why in its answer, with nothing quoted", async () => {
    const { logger, lines } = capturedLogger();
    const record = await ask(scriptedPlanner([{ source: "lake", sql: "SELECT CAST(contact AS INTEGER) AS n FROM support.tickets", purpose: "cast" }], true), logger);
    expect(record.status).toBe("failed");
    expect(record.answer).toMatch(/^lake: a value in the data could not be converted to INTEGER/);
    expect(record.caveats).toEqual([]);
    expectClean(JSON.stringify({ ...record, question: "" }));
    expectClean(lines.join(""));
  });
});

describe("sources that do not answer, through the real adapters", () => {
  it("a missing lake file says what to do without its path; the operator's log keeps the path", async () => {
    const { logger, lines } = capturedLogger();
    const executed = await engineWith(logger).run({ id: "q1", source: "gone", sql: "SELECT count(*) AS n FROM support.tickets", purpose: "tickets" });
    expect(executed.error?.code).toBe("SOURCE_UNAVAILABLE");
    expect(executed.error?.message).toBe("no DuckDB file for source gone; create it (for the demo: skiff demo seed)");
    expect(executed.record.error).not.toContain(dir);
    expect(lines.join("")).toContain(missingLake);
  });

  it("a refused connection is partial, names no host or port, and the log says which server", async () => {
    const { logger, lines } = capturedLogger();
    const record = await ask(
      scriptedPlanner([
        { source: "lake", sql: "SELECT count(*) AS n FROM support.tickets", purpose: "tickets" },
        { source: "down", sql: "SELECT count(*) AS n FROM support.tickets", purpose: "tickets elsewhere" },
      ]),
      logger,
    );
    const partial = record.caveats.filter((c) => c.kind === "partial");
    expect(partial).toHaveLength(1);
    expect(partial[0]?.message).toMatch(/^down did not answer \(source down is unavailable \(.*<server>.*\); the answer is built from the other sources\.$/);
    expect(JSON.stringify(record)).not.toContain("127.0.0.1");
    const warned = lines.map((line) => JSON.parse(line) as { msg: string; servers?: string[] }).find((l) => l.msg === "query did not run to completion");
    expect(warned?.servers).toEqual(["127.0.0.1:1"]);
  });

  it("without an answer, a partial caveat does not claim the answer came from other sources", async () => {
    const { logger } = capturedLogger();
    const record = await ask(scriptedPlanner([{ source: "down", sql: "SELECT count(*) AS n FROM support.tickets", purpose: "tickets" }], true), logger);
    expect(record.status).toBe("failed");
    const partial = record.caveats.find((c) => c.kind === "partial");
    expect(partial?.message).toMatch(/^down did not answer \(.*\)\.$/);
    expect(JSON.stringify(record)).not.toContain("built from the other sources");
  });
});
