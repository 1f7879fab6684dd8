/**
 * How one engine might read quotes and comments. Engines disagree (a backslash
 * escapes a quote in ClickHouse and BigQuery but not in Postgres or DuckDB;
 * Postgres nests block comments), and a guard that reads SQL one way while the
 * engine reads it another can be walked around: `select 'a\' ; drop table x; --'`
 * is one statement to a backslash-escaping parser and two to Postgres.
 */
export interface SqlReading {
  backslashEscapes: boolean;
  nestedComments: boolean;
  dollarQuotes: boolean;
  hashComments: boolean;
  tripleQuotes: boolean;
}

export interface SqlScan {
  /** Statements with code in them (a trailing `;` does not make an empty one). */
  statements: string[];
  comments: string[];
}

const flags = ["backslashEscapes", "nestedComments", "dollarQuotes", "hashComments", "tripleQuotes"] as const;

/** Every combination of the ways engines read quotes and comments; the guard admits SQL only when all of them agree. */
export const sqlReadings: readonly SqlReading[] = Array.from({ length: 2 ** flags.length }, (_, bits) => {
  const reading = {} as Record<(typeof flags)[number], boolean>;
  flags.forEach((flag, index) => (reading[flag] = (bits & (1 << index)) !== 0));
  return reading;
});

const identifierChar = /[A-Za-z0-9_$]/;
const dollarTag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/;

/** Splits SQL into statements under one {@link SqlReading}; undefined when a quote or comment never closes. */
export function scanSql(sql: string, reading: SqlReading): SqlScan | undefined {
  const statements: string[] = [];
  const comments: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const endStatement = (end: number) => {
    if (hasCode) statements.push(sql.slice(start, end).trim());
    hasCode = false;
    start = end + 1;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if ((c === "-" && next === "-") || (c === "#" && reading.hashComments)) {
      const eol = sql.indexOf("\n", i);
      const end = eol === -1 ? sql.length : eol;
      comments.push(sql.slice(i, end));
      i = end;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = blockCommentEnd(sql, i, reading.nestedComments);
      if (end === undefined) return undefined;
      comments.push(sql.slice(i, end));
      i = end;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      const end = quoteEnd(sql, i, c, reading);
      if (end === undefined) return undefined;
      hasCode = true;
      i = end;
      continue;
    }
    if (c === "$" && reading.dollarQuotes && !identifierChar.test(sql[i - 1] ?? "")) {
      const tag = dollarTag.exec(sql.slice(i))?.[0];
      if (tag !== undefined) {
        const close = sql.indexOf(tag, i + tag.length);
        if (close === -1) return undefined;
        hasCode = true;
        i = close + tag.length;
        continue;
      }
    }
    if (c === ";") endStatement(i);
    else if (!/\s/.test(c)) hasCode = true;
    i += 1;
  }
  endStatement(sql.length);
  return { statements, comments };
}

function blockCommentEnd(sql: string, from: number, nested: boolean): number | undefined {
  let depth = 1;
  let j = from + 2;
  while (j < sql.length) {
    if (nested && sql.startsWith("/*", j)) {
      depth += 1;
      j += 2;
    } else if (sql.startsWith("*/", j)) {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else {
      j += 1;
    }
  }
  return undefined;
}

function quoteEnd(sql: string, from: number, quote: string, reading: SqlReading): number | undefined {
  const backslash = reading.backslashEscapes && quote !== "`";
  const triple = quote.repeat(3);
  if (reading.tripleQuotes && quote !== "`" && sql.startsWith(triple, from)) {
    for (let j = from + 3; j < sql.length; j += 1) {
      if (backslash && sql[j] === "\\") j += 1;
      else if (sql.startsWith(triple, j)) return j + 3;
    }
    return undefined;
  }
  for (let j = from + 1; j < sql.length; j += 1) {
    const ch = sql[j];
    if (backslash && ch === "\\") {
      j += 1;
    } else if (ch === quote) {
      if (sql[j + 1] === quote) j += 1;
      else return j + 1;
    }
  }
  return undefined;
}
