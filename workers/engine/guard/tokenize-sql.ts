/** One token of SQL outside comments: words, quoted identifiers, string literals, numbers and punctuation. */
export interface SqlToken {
  kind: "word" | "quoted" | "string" | "number" | "punct";
  /** Words as written; quoted identifiers and strings unquoted. */
  text: string;
  /** Offset of the token's first character in the SQL (its opening quote, for quoted tokens). */
  start: number;
  /** Offset just past the token's last character (past its closing quote). */
  end: number;
}

/**
 * Tokenizes one statement for the token-level checks, under one reading of
 * backslashes (ClickHouse escapes quotes with them; standard SQL does not).
 * Returns undefined when a quote or comment never closes.
 */
export function tokenizeSql(sql: string, backslashEscapes: boolean): SqlToken[] | undefined {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      if (end === -1) return undefined;
      i = end + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      let text = "";
      let j = i + 1;
      let closed = false;
      while (j < sql.length) {
        const ch = sql[j] as string;
        if (backslashEscapes && ch === "\\" && c !== "`") {
          text += sql[j + 1] ?? "";
          j += 2;
        } else if (ch === c && sql[j + 1] === c) {
          text += c;
          j += 2;
        } else if (ch === c) {
          closed = true;
          j += 1;
          break;
        } else {
          text += ch;
          j += 1;
        }
      }
      if (!closed) return undefined;
      tokens.push({ kind: c === "'" ? "string" : "quoted", text, start: i, end: j });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ kind: "word", text: word, start: i, end: i + word.length });
      i += word.length;
    } else if (/[0-9]/.test(c)) {
      const number = /^[0-9][0-9A-Za-z_.]*(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ kind: "number", text: number, start: i, end: i + number.length });
      i += number.length;
    } else {
      tokens.push({ kind: "punct", text: c, start: i, end: i + 1 });
      i += 1;
    }
  }
  return tokens;
}
