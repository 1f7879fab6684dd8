import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../shared/package-root.js";
import type { RunRecord } from "../shared/run-record.js";
import { createDuckDbRunStore } from "../shared/run-store/create-duckdb-run-store.js";
import type { RunStore } from "../shared/run-store/run-store.js";
import { startClaudeHarness } from "./fakes/anthropic/claude-harness.js";
import { toolUse, turn } from "./fakes/anthropic/fake-turns.js";
import { createClickHouseTestDatabase, type ClickHouseTestDatabase } from "./fixtures/clickhouse-test-database.js";
import { demoLakePath } from "./fixtures/demo-lake.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";
import { createLeakDetector, type LeakDetector } from "./pii/create-leak-detector.js";
import { createRawTwin, type RawTwin } from "./pii/create-raw-twin.js";
import { cellText, corpusEngines, fillPlaceholders, rowsAnswer, sameAnswer, sourceOf, type Answer, type CorpusEngine, type CorpusFacts, type ExtractionCase } from "./pii/extraction-case.js";
import { extractionCorpus } from "./pii/extraction-corpus.js";
import { formatSummary, type CaseResult } from "./pii/format-summary.js";
import { readCorpusFacts } from "./pii/read-corpus-facts.js";
import { readRawPii } from "./pii/read-raw-pii.js";
import { runSkiff } from "./pii/run-skiff.js";
import { runSkiffBatch } from "./pii/run-skiff-batch.js";
import { outcomeOf, refusalRule, sqlJsonOutputSchema } from "./pii/sql-json-output.js";

/*
 * The PII-extraction regression corpus: every statement goes through `skiff sql`
 * (in this process, output captured) on the embedded lake, Postgres and
 * ClickHouse, and again as a real child process with debug logs. Whatever
 * happens to it — refused, failed, ran — no raw email, local part, email
 * domain, client IP (or md5/sha of one, or the PII key) may show in the
 * result, the messages, the caveats, stdout/stderr, the run store or the logs.
 * Inference statements must not answer what the raw data answers. The summary
 * table is printed at the end.
 *
 * npx vitest run test/pii-extraction.test.ts   (Postgres on :5432, ClickHouse on :8123; about 3 minutes)
 */

const root = packageRoot();
/** Hex runs this long in a message or log are the PII key's pads or a piece of one; result cells may hold hashes up to 64. */
const keyRunInMessages = 24;
const keyRunInCells = 100;

let lake: string;
let home: string;
let pg: PostgresTestDatabase;
let ch: ClickHouseTestDatabase;
let twin: RawTwin;
let detector: LeakDetector;
let facts: CorpusFacts;
let runStore: RunStore;
const results = new Map<string, CaseResult>();

function envFor(engine: CorpusEngine, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SKIFF_DEMO_DB: lake,
    SKIFF_HOME: home,
    SKIFF_LOG_LEVEL: "silent",
    SKIFF_CATALOG: join(root, "catalog", engine === "duckdb" ? "demo" : "demo-servers"),
    SKIFF_DEMO_POSTGRES_URL: pg.url,
    SKIFF_DEMO_CLICKHOUSE_URL: ch.url,
    SKIFF_DEMO_CLICKHOUSE_DB: ch.name,
    ...extra,
  };
}

/** Raw values the statement itself holds (an attacker's guess): echoing those back is not a leak; confirming them is checked by the inference check. */
function valuesIn(sql: string): Set<string> {
  return new Set(detector.scan(sql).map((leak) => leak.value));
}

/** Every raw value in each channel, as report lines. */
function leaksIn(channels: ReadonlyArray<readonly [channel: string, text: string, keyHexRun: number]>, sql: string, decode?: (text: string) => string): string[] {
  const known = valuesIn(sql);
  return channels.flatMap(([channel, text, keyHexRun]) =>
    detector.scan(text, { known, keyHexRun, ...(decode ? { decode } : {}) }).map((leak) => `${channel}: ${leak.kind} ${JSON.stringify(leak.value)} (${leak.via})`),
  );
}

/** The run as stored, without what the asker wrote: the messages, purposes and the statement as it ran. */
function recordMessages(record: RunRecord): string {
  return JSON.stringify({ ...record, question: "", result: undefined, queries: record.queries.map((query) => ({ ...query, sql: "" })) });
}

function shorten(text: string, max = 240): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

beforeAll(async () => {
  lake = await demoLakePath();
  home = await mkdtemp(join(tmpdir(), "skiff-pii-"));
  [pg, ch] = await Promise.all([createPostgresTestDatabase("skiff_pii"), createClickHouseTestDatabase("skiff_pii")]);
  const load = await runSkiff(envFor("postgres"), ["demo", "load"]);
  expect(load.err).toBe("");
  expect(load.out).toMatch(/accounts\.accounts 3,000, .*http_requests \d/);
  twin = await createRawTwin({ lake, postgresUrl: pg.url, clickhouseUrl: ch.url, clickhouseDb: ch.name });
  const raw = await readRawPii(twin);
  // The servers hold the lake's values: one raw set stands for all three engines.
  expect(raw.bySource["postgres emails"]).toBe(raw.bySource["lake emails"]);
  expect(raw.bySource["clickhouse client ips"]).toBe(raw.bySource["lake client ips"]);
  expect(raw.emails.length).toBe(raw.bySource["lake emails"]);
  detector = createLeakDetector(raw);
  facts = await readCorpusFacts(twin, { postgresDb: pg.name, clickhouseDb: ch.name });
  runStore = createDuckDbRunStore({ path: join(home, "runs.duckdb") });
}, 180_000);

afterAll(async () => {
  if (results.size > 0) console.log(`\nPII-extraction corpus against the current tree:\n${formatSummary([...results.values()], corpusEngines)}\n`);
  await runStore?.close();
  await twin?.close();
  await pg?.drop();
  await ch?.drop();
});

describe("the corpus", () => {
  it(`holds at least 150 statements over the three engines, each id once (${extractionCorpus.length} now)`, () => {
    expect(extractionCorpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(extractionCorpus.map((c) => c.id)).size).toBe(extractionCorpus.length);
    for (const engine of corpusEngines) expect(extractionCorpus.filter((c) => c.engine === engine).length).toBeGreaterThanOrEqual(40);
  });

  it("looks for every raw value: 3,000 emails and their parts, every client IP, their hashes", () => {
    expect(detector.size).toBeGreaterThan(50_000);
    expect(detector.scan(`x ${facts.email.toUpperCase()} y`).map((leak) => leak.kind)).toContain("email");
    expect(detector.scan([...facts.ip].reverse().join("")).map((leak) => leak.kind)).toContain("client ip");
    expect(detector.scan(Buffer.from(facts.email).toString("base64")).map((leak) => leak.via)).toContain("base64");
    expect(detector.scan("[email:0123456789abcdef] [ip_address:fedcba9876543210]")).toEqual([]);
  });
});

describe("the check would catch each statement on the raw data", () => {
  for (const engine of corpusEngines) {
    it(`${engine}: every statement not marked extracts: false shows raw values when run straight on the lake or server`, async () => {
      const silent: string[] = [];
      for (const entry of extractionCorpus.filter((c) => c.engine === engine && c.inference === undefined)) {
        const sql = fillPlaceholders(entry.sql, facts);
        const raw = await twin.answer(engine, sql);
        const text = "rows" in raw ? JSON.stringify(raw.rows) : "failed" in raw ? raw.failed : "";
        const found = detector.scan(text, { known: valuesIn(sql), ...(entry.decode ? { decode: entry.decode } : {}) });
        if (found.length === 0) silent.push(entry.id);
      }
      const marked = extractionCorpus.filter((c) => c.engine === engine && c.inference === undefined && c.extracts === false).map((c) => c.id);
      expect(silent).toEqual(marked);
    }, 120_000);
  }
});

for (const engine of corpusEngines) {
  describe(`${engine}: PII-extraction statements through skiff sql (in process)`, () => {
    for (const entry of extractionCorpus.filter((c) => c.engine === engine)) {
      it(entry.id, async () => {
        await checkInProcess(entry);
      });
    }
  });
}

async function checkInProcess(entry: ExtractionCase): Promise<void> {
  const sql = fillPlaceholders(entry.sql, facts);
  const run = await runSkiff(envFor(entry.engine), ["sql", "--source", sourceOf[entry.engine], "--json", sql]);
  const output = sqlJsonOutputSchema.parse(JSON.parse(run.out));
  const outcome = outcomeOf(output);
  const message = "error" in output ? output.error.message : output.answer;
  const leaks: string[] = [];
  const channels: Array<readonly [string, string, number]> = [
    ["stdout", run.out, keyRunInCells],
    ["stderr", run.err, keyRunInMessages],
    ["answer or error", message, keyRunInMessages],
  ];
  if (!("error" in output)) {
    channels.push(["result cells", JSON.stringify(output.result), keyRunInCells]);
    channels.push(["caveats", JSON.stringify(output.caveats), keyRunInMessages]);
    channels.push(["query errors", output.queries.map((query) => query.error ?? "").join("\n"), keyRunInMessages]);
    const record = await runStore.get(output.run_id);
    if (record) {
      channels.push(["run store", JSON.stringify(record), keyRunInCells]);
      channels.push(["run store messages", recordMessages(record), keyRunInMessages]);
    } else {
      leaks.push(`run store: no record for ${output.run_id} (every statement must be audited)`);
    }
  }
  leaks.push(...leaksIn(channels, sql, entry.decode));

  let probeProblem: string | undefined;
  if (entry.inference) {
    const raw = await twin.answer(entry.engine, sql);
    const seen: Answer = "error" in output ? { failed: message } : outcome === "ran" ? rowsAnswer(output.result.rows) : outcome === "failed" ? { failed: message } : { refused: message };
    if (!entry.inference.informative(raw, facts)) {
      probeProblem = `the probe tells nothing even on the raw data, so it tests nothing: ${shorten(JSON.stringify(raw))}`;
    } else if (sameAnswer(raw, seen)) {
      leaks.push(`inference: Skiff answers what the raw data answers, which reveals ${entry.inference.reveals}: ${shorten(JSON.stringify("rows" in seen ? seen.rows.slice(0, 3) : seen))}`);
    }
  }

  results.set(entry.id, { id: entry.id, engine: entry.engine, sql, outcome, rule: outcome === "refused" ? refusalRule(message) : undefined, leaks });
  expect(probeProblem, `${entry.id}: ${sql}`).toBeUndefined();
  expect(leaks, `${entry.id} [${outcome}] ${sql}\n  → ${shorten(message)}`).toEqual([]);
}

describe("as real child processes (node --import tsx, plain output, SKIFF_LOG_LEVEL=debug)", () => {
  type Batch = Awaited<ReturnType<typeof runSkiffBatch>>;
  const batches = new Map<CorpusEngine, Batch>();

  // One process per engine, the three at once: each runs its engine's whole corpus with the logger writing to its fd 2.
  beforeAll(async () => {
    await Promise.all(
      corpusEngines.map(async (engine) => {
        const dir = join(home, `child-${engine}`);
        await mkdir(dir, { recursive: true });
        const entries = extractionCorpus.filter((c) => c.engine === engine);
        batches.set(
          engine,
          await runSkiffBatch({
            entries: entries.map((entry) => ({ id: entry.id, argv: ["sql", "--source", sourceOf[engine], fillPlaceholders(entry.sql, facts)] })),
            env: envFor(engine, { SKIFF_HOME: dir, SKIFF_LOG_LEVEL: "debug", SKIFF_LOG_FORMAT: "json" }),
            dir,
            timeoutMs: 290_000,
          }),
        );
      }),
    );
  }, 300_000);

  for (const engine of corpusEngines) {
    it(`${engine}: no raw value in any statement's stdout, stderr or debug logs`, () => {
      const batch = batches.get(engine);
      if (!batch) throw new Error(`the ${engine} batch did not run`);
      expect(batch.exitCode, batch.outside.slice(0, 2_000)).toBe(0);
      expect(detector.scan(batch.outside, { keyHexRun: keyRunInMessages }), "output outside every run").toEqual([]);
      const problems: string[] = [];
      for (const entry of extractionCorpus.filter((c) => c.engine === engine)) {
        const run = batch.runs.get(entry.id);
        if (!run) {
          problems.push(`${entry.id}: the child never ran it`);
          continue;
        }
        const leaks = leaksIn(
          [
            ["child stdout", run.stdout, keyRunInCells],
            ["child stderr and logs", run.stderr, keyRunInMessages],
          ],
          fillPlaceholders(entry.sql, facts),
          entry.decode,
        );
        results.get(entry.id)?.leaks.push(...leaks);
        problems.push(...leaks.map((leak) => `${entry.id}: ${leak}`));
      }
      // The logs were really there to read: the engine's debug lines.
      expect([...batch.runs.values()].some((run) => /"level":20,.*"msg":"query ran"/.test(run.stderr))).toBe(true);
      expect(problems).toEqual([]);
    });
  }
});

describe("statements that must keep working with pseudonyms", () => {
  const pseudonym = (pii: string) => new RegExp(`^\\[${pii}:[0-9a-f]{16}\\]$`);

  async function sqlRows(engine: CorpusEngine, sql: string): Promise<unknown[][]> {
    const run = await runSkiff(envFor(engine), ["sql", "--source", sourceOf[engine], "--json", sql]);
    const output = sqlJsonOutputSchema.parse(JSON.parse(run.out));
    expect(leaksIn([["stdout", run.out, keyRunInCells]], sql)).toEqual([]);
    if ("error" in output) throw new Error(`${sql}: ${output.error.message}`);
    expect(output.status, `${sql} → ${output.answer}`).toBe("answered");
    return output.result.rows;
  }

  for (const engine of ["duckdb", "postgres"] as const) {
    it(`${engine}: count(DISTINCT email) is the raw distinct count`, async () => {
      const sql = "SELECT count(DISTINCT email) FROM accounts.accounts";
      const [[raw]] = (await twin.rows(engine, sql)) as [[unknown]];
      expect((await sqlRows(engine, sql)).map((row) => row.map(cellText))).toEqual([[cellText(raw)]]);
      expect(Number(raw)).toBe(facts.accounts);
    });

    it(`${engine}: a join of accounts to zones shows the owner's email as one pseudonym per account`, async () => {
      const sql = "SELECT z.zone_id, a.account_id, a.email FROM accounts.zones z JOIN accounts.accounts a ON a.account_id = z.account_id ORDER BY z.zone_id LIMIT 2000";
      const rows = await sqlRows(engine, sql);
      expect(rows.length).toBe((await twin.rows(engine, sql)).length);
      const byAccount = new Map<string, string>();
      for (const [, account, email] of rows) {
        expect(String(email)).toMatch(pseudonym("email"));
        const seen = byAccount.get(String(account));
        if (seen !== undefined) expect(email).toBe(seen);
        byAccount.set(String(account), String(email));
      }
      // Distinct emails stay distinct.
      expect(new Set(byAccount.values()).size).toBe(byAccount.size);
      expect(byAccount.size).toBeGreaterThan(100);
    });

    it(`${engine}: GROUP BY email counts as many groups, with the same sizes, as the raw data`, async () => {
      const sql = "SELECT a.email, count(*) AS zones FROM accounts.zones z JOIN accounts.accounts a ON a.account_id = z.account_id GROUP BY a.email";
      const rows = await sqlRows(engine, sql);
      const raw = await twin.rows(engine, sql);
      expect(rows.length).toBe(raw.length);
      const sizes = (of: unknown[][]) => of.map((row) => Number(row[1])).sort((x, y) => x - y);
      expect(sizes(rows)).toEqual(sizes(raw));
      for (const [email] of rows) expect(String(email)).toMatch(pseudonym("email"));
    });
  }

  it("clickhouse: uniqExact(client_ip) is the raw distinct count", async () => {
    const sql = "SELECT uniqExact(client_ip) FROM http_requests";
    const [[raw]] = (await twin.rows("clickhouse", sql)) as [[unknown]];
    expect((await sqlRows("clickhouse", sql)).map((row) => row.map(cellText))).toEqual([[cellText(raw)]]);
    expect(Number(raw)).toBeGreaterThan(10_000);
  });

  it("clickhouse: GROUP BY client_ip keeps every group and its size, under pseudonyms", async () => {
    const groups = "SELECT count() FROM (SELECT client_ip FROM http_requests GROUP BY client_ip)";
    expect((await sqlRows("clickhouse", groups)).map((row) => row.map(cellText))).toEqual((await twin.rows("clickhouse", groups)).map((row) => row.map(cellText)));
    const top = "SELECT client_ip, count() AS n FROM http_requests GROUP BY client_ip ORDER BY n DESC LIMIT 20";
    const rows = await sqlRows("clickhouse", top);
    expect(rows.map((row) => Number(row[1]))).toEqual((await twin.rows("clickhouse", top)).map((row) => Number(row[1])));
    for (const [ip] of rows) expect(String(ip)).toMatch(pseudonym("ip_address"));
  });
});

describe("the model path (fake Messages API, real SDK, planner and engine on the lake)", () => {
  it("no raw value reaches the model's prompts or the run record, even when the model writes one into a purpose or a search", async () => {
    const email = facts.email;
    const statements = [
      "SELECT to_json(a) FROM accounts.accounts a ORDER BY account_id LIMIT 5",
      "SELECT COLUMNS('email') FROM accounts.accounts ORDER BY account_id LIMIT 5",
      "SELECT email AS e, e AS f, split_part(e, '@', 1) AS local FROM accounts.accounts ORDER BY account_id LIMIT 5",
      "SELECT CAST(email AS INTEGER) FROM accounts.accounts",
      "SELECT string_agg(email, ',') FROM accounts.accounts",
      "SELECT a::VARCHAR FROM accounts.accounts a ORDER BY account_id LIMIT 5",
    ];
    const harness = await startClaudeHarness({
      script: [
        turn(toolUse("search_catalog", { query: `billing contact ${email}` })),
        turn(...statements.map((sql, i) => toolUse("run_query", { source: "accounts", sql, purpose: `look up the contact ${email} (${i + 1})` }))),
        turn(toolUse("answer", { text: "Looked the contacts up." })),
      ],
    });
    try {
      const run = await harness.ask("Who is the billing contact of the oldest account?");
      expect(run.queries.map((query) => query.sql)).toEqual(statements);

      const requests = harness.fake.requests.map((request) => request.body);
      expect(requests).toHaveLength(3);
      const scan = (value: unknown) => detector.scan(JSON.stringify(value), { keyHexRun: keyRunInMessages }).map((leak) => `${leak.kind} ${JSON.stringify(leak.value)} (${leak.via})`);
      let toolResults = 0;
      requests.forEach((body, r) => {
        expect.soft(scan({ system: body.system, tools: body.tools }), `request ${r + 1}: system prompt and tools`).toEqual([]);
        body.messages.forEach((message, m) => {
          const blocks = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
          blocks.forEach((block, b) => {
            const where = `request ${r + 1}, messages[${m}].content[${b}]: ${message.role} ${String(block.type)}${typeof block.name === "string" ? ` ${block.name}` : ""}`;
            // What Skiff computed (search hits, query results) and what the model wrote, echoed back in the conversation.
            if (block.type === "tool_result") toolResults += 1;
            expect.soft(scan(block), `${where}: ${shorten(JSON.stringify(block))}`).toEqual([]);
          });
        });
      });
      expect(toolResults).toBeGreaterThanOrEqual(statements.length + 1);
      // The audit trail: purposes scrubbed, nothing raw anywhere in the record.
      for (const query of run.queries) expect.soft(scan(query.purpose), `purpose of ${query.id}: ${query.purpose}`).toEqual([]);
      expect.soft(scan(run), "run record").toEqual([]);
    } finally {
      await harness.close();
    }
  }, 60_000);
});
