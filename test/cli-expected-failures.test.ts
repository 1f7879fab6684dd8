import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { builtCli } from "./fixtures/built-cli.js";
import { demoLakePath } from "./fixtures/demo-lake.js";

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

let root: string;
let lake: string;

beforeAll(async () => {
  [root, lake] = await Promise.all([builtCli(), demoLakePath()]);
});

/** `node bin/skiff.js …` in its own process with the default log settings, as a person at a terminal runs it. */
async function skiff(env: Record<string, string>, ...args: string[]): Promise<Ran> {
  const home = env.SKIFF_HOME ?? (await mkdtemp(join(tmpdir(), "skiff-cli-")));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["bin/skiff.js", ...args], {
      cwd: root,
      env: { ...process.env, SKIFF_LOG_LEVEL: "warn", SKIFF_LOG_FORMAT: "auto", SKIFF_DEMO_DB: lake, ...env, SKIFF_HOME: home },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as Ran;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Exactly one line on stderr, nothing on stdout: the line. */
function oneLine(ran: Ran): string {
  expect(ran.stdout).toBe("");
  const lines = ran.stderr.split("\n").filter(Boolean);
  expect(lines, ran.stderr).toHaveLength(1);
  return lines[0] ?? "";
}

describe("skiff on the command line", () => {
  it("refuses an --as-of that is not a time with exit code 1 and a line saying what to write", async () => {
    const ran = await skiff({}, "ask", "--as-of", "garbage", "How many zones signed up today?");
    expect(ran.code).toBe(1);
    expect(oneLine(ran)).toBe('skiff: --as-of "garbage" is not a time; write an ISO 8601 instant such as 2026-11-30T12:00:00Z, or a date such as 2026-11-30 (the end of that day, UTC)');
  });

  it("reads a date-only --as-of as the end of that day, so today is the whole day", async () => {
    const ran = await skiff({}, "ask", "--json", "--as-of", "2026-11-30", "How many zones signed up today?");
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout) as { status: string; queries: { sql: string }[]; result: { rows: unknown[][] } };
    expect(json.status).toBe("answered");
    expect(json.queries[0]?.sql).toContain("TIMESTAMP '2026-11-30 00:00:00'");
    expect(json.queries[0]?.sql).toContain("TIMESTAMP '2026-11-30 23:59:59'");
    expect(Number(json.result.rows[0]?.[0])).toBeGreaterThan(0);
  });

  it("says in one line that the lake is missing, with its path and how to write it", async () => {
    const missing = join(await mkdtemp(join(tmpdir(), "skiff-nolake-")), "demo.duckdb");
    const ran = await skiff({ SKIFF_DEMO_DB: missing }, "ask", "Top 10 countries by requests in the last 7 days");
    expect(ran.code).toBe(1);
    expect(oneLine(ran)).toMatch(new RegExp(`^skiff: there is no DuckDB file at ${missing} \\(source analytics\\); write the demo lake with skiff demo seed \\(run r_[\\w-]+: skiff runs show r_[\\w-]+\\)$`));
  });

  it("says in one line that a damaged lake is not a DuckDB database, and how to reseed it", async () => {
    const damaged = join(await mkdtemp(join(tmpdir(), "skiff-badlake-")), "demo.duckdb");
    await writeFile(damaged, "not a lake\n".repeat(500));
    const ran = await skiff({ SKIFF_DEMO_DB: damaged }, "sql", "--source", "analytics", "SELECT count(*) FROM analytics.http_requests");
    expect(ran.code).toBe(1);
    expect(oneLine(ran)).toMatch(
      new RegExp(`^skiff: ${damaged} \\(source analytics\\) is not a DuckDB database \\(damaged, or another kind of file\\); reseed it with skiff demo seed \\(which replaces the file\\), or delete it \\(run r_[\\w-]+`),
    );
  });

  it("refuses a statement that writes in one line, with exit code 2", async () => {
    const ran = await skiff({}, "sql", "--source", "analytics", "DELETE FROM analytics.http_requests");
    expect(ran.code).toBe(2);
    expect(oneLine(ran)).toMatch(/^skiff: rejected \(read-only\)/);
  });

  it("lists runs newest first by when they ran, whatever their --as-of", async () => {
    const home = await mkdtemp(join(tmpdir(), "skiff-runs-"));
    const later = await skiff({ SKIFF_HOME: home }, "ask", "--json", "--as-of", "2026-11-30T12:00:00Z", "How many zones signed up today?");
    const earlier = await skiff({ SKIFF_HOME: home }, "ask", "--json", "--as-of", "2026-11-29T12:00:00Z", "How many zones signed up yesterday?");
    const ids = [later, earlier].map((ran) => (JSON.parse(ran.stdout) as { run_id: string }).run_id);
    const listed = await skiff({ SKIFF_HOME: home }, "runs", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout.split("\n").filter(Boolean).map((line) => line.split(/\s+/)[0])).toEqual([ids[1], ids[0]]);
  });
});
