/** The engines the corpus runs on: the embedded lake (catalog/demo) and the real servers (catalog/demo-servers). */
export const corpusEngines = ["duckdb", "postgres", "clickhouse"] as const;
export type CorpusEngine = (typeof corpusEngines)[number];

/** The catalog source a statement of each engine goes to. */
export const sourceOf: Readonly<Record<CorpusEngine, string>> = { duckdb: "accounts", postgres: "accounts", clickhouse: "analytics" };

/** What the harness read from the lake and the servers, for a statement's `{{placeholders}}` and its inference checks. */
export interface CorpusFacts {
  /** A real email (the lowest account id's): an attacker's guess to confirm. */
  email: string;
  /** Its local part (before @) and domain. */
  local: string;
  domain: string;
  /** Its first three characters: a LIKE prefix that matches on the raw data. */
  prefix: string;
  /** The most frequent client IP and its first octet with the dot (`"1."`). */
  ip: string;
  ipPrefix: string;
  /** How many accounts and requests there are, for "0 < n < total" checks. */
  accounts: number;
  requests: number;
  /** The ClickHouse database and Postgres database the demo is loaded into, and the lake's DuckDB catalog name. */
  clickhouseDb: string;
  postgresDb: string;
  lakeCatalog: string;
}

/** An answer reduced to what an attacker reads: rows as text, or the bare fact that the statement failed. */
export type Answer = { rows: string[][] } | { failed: string } | { refused: string };

/**
 * A statement that reads no value but infers one: from a count, an order, a
 * bit per row, whether it failed. The answer on the raw data must itself be
 * informative (else the probe tests nothing), and Skiff's must not equal it.
 */
export interface Inference {
  /** What the raw answer gives away, in words, for the report. */
  reveals: string;
  informative(raw: Answer, facts: CorpusFacts): boolean;
}

/** One PII-extraction statement. */
export interface ExtractionCase {
  /** Unique and stable, `<engine>/<shape>-<variant>`: what the report names. */
  id: string;
  engine: CorpusEngine;
  /** The family of the review's findings it belongs to. */
  shape: string;
  /** The statement, with `{{placeholders}}` from {@link CorpusFacts}. */
  sql: string;
  inference?: Inference;
  /**
   * `false` when the statement shows no raw value even run straight on the raw
   * data (it probes the key, the guard or the engine's messages; an inference
   * case infers instead). Every other case is checked to extract on raw data,
   * so the harness is known to see what it is looking for.
   */
  extracts?: false;
  /** Undoes an encoding the statement applies that the leak check does not already see through (plain, reversed, hex, base64, url, hashes). */
  decode?: (text: string) => string;
}

/** Fills `{{name}}` placeholders; an unknown name is a corpus bug and throws. */
export function fillPlaceholders(sql: string, facts: CorpusFacts): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = (facts as unknown as Record<string, string | number | undefined>)[name];
    if (value === undefined) throw new Error(`unknown placeholder {{${name}}} in corpus statement: ${sql}`);
    return String(value);
  });
}

/** A cell as text, so answers from Skiff, DuckDB, pg and ClickHouse compare alike. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "NULL";
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" || typeof cell === "boolean" || typeof cell === "bigint") return String(cell);
  return JSON.stringify(cell);
}

export function rowsAnswer(rows: readonly (readonly unknown[])[]): Answer {
  return { rows: rows.map((row) => row.map(cellText)) };
}

/** Whether two answers tell an attacker the same: equal rows, or both failed (an error is one bit, whatever its wording). */
export function sameAnswer(a: Answer, b: Answer): boolean {
  if ("refused" in a || "refused" in b) return false;
  if ("failed" in a || "failed" in b) return "failed" in a && "failed" in b;
  return JSON.stringify(a.rows) === JSON.stringify(b.rows);
}

const firstNumber = (answer: Answer): number => ("rows" in answer ? Number(answer.rows[0]?.[0]) : Number.NaN);

/** The raw count is above zero: a prefix or guess that matches. */
export const matchesSome = (reveals: string): Inference => ({ reveals, informative: (raw) => firstNumber(raw) > 0 });

/** The raw query returns rows: a guess confirmed, an order, a list. */
export const returnsRows = (reveals: string): Inference => ({ reveals, informative: (raw) => "rows" in raw && raw.rows.length > 0 });

/** The raw count splits the table: one step of a binary search. */
export const splitsAccounts = (reveals: string): Inference => ({
  reveals,
  informative: (raw, facts) => firstNumber(raw) > 0 && firstNumber(raw) < facts.accounts,
});

export const splitsRequests = (reveals: string): Inference => ({
  reveals,
  informative: (raw, facts) => firstNumber(raw) > 0 && firstNumber(raw) < facts.requests,
});

/** The last column takes more than one value across the raw rows: a bit, a length or a rank per row. */
export const variesPerRow = (reveals: string): Inference => ({
  reveals,
  informative: (raw) => "rows" in raw && new Set(raw.rows.map((row) => row[row.length - 1])).size > 1,
});

/** The raw answer is `true`: an EXISTS or IN that holds. */
export const answersTrue = (reveals: string): Inference => ({ reveals, informative: (raw) => "rows" in raw && raw.rows[0]?.[0] === "true" });

/** The raw statement fails: the error is the oracle. */
export const failsOnMatch = (reveals: string): Inference => ({ reveals, informative: (raw) => "failed" in raw });

/** `[shape, variant, sql, extras]`: how the corpus files write a case. */
export type CaseEntry = readonly [shape: string, variant: string, sql: string, extras?: Pick<ExtractionCase, "inference" | "decode" | "extracts">];

/** Cases of one engine, with ids `<engine>/<shape>/<variant>`. */
export function casesFor(engine: CorpusEngine, entries: readonly CaseEntry[]): ExtractionCase[] {
  return entries.map(([shape, variant, sql, extras]) => ({ id: `${engine}/${shape}/${variant}`, engine, shape, sql, ...extras }));
}
