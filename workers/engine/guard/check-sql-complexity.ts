import { sqlComplexityCaps as caps } from "./sql-complexity-caps.js";
import { tokenizeSql, type SqlToken } from "./tokenize-sql.js";
import { tooComplexRejection } from "./too-complex-rejection.js";

const opening = new Set(["(", "[", "{"]);
const closing = new Set([")", "]", "}"]);

/**
 * Refuses a statement past the size, token, bracket or subquery caps
 * (./sql-complexity-caps.ts) before the parser reads it, one token at a time
 * and without recursion. Tokens are read under both readings of backslashes, so a quote
 * cannot hide brackets from the count; SQL whose quotes never close is left to
 * the guard's parse rule.
 */
export function checkSqlComplexity(sql: string): void {
  const bytes = Buffer.byteLength(sql, "utf8");
  if (bytes > caps.maxBytes) {
    throw tooComplexRejection(`the statement is ${Math.ceil(bytes / 1024)} KiB, over Skiff's cap of ${caps.maxBytes / 1024} KiB`);
  }
  for (const backslashEscapes of [false, true]) {
    const tokens = tokenizeSql(sql, backslashEscapes);
    if (tokens === undefined) continue;
    if (tokens.length > caps.maxTokens) {
      throw tooComplexRejection(`the statement has ${tokens.length.toLocaleString("en-US")} tokens, over Skiff's cap of ${caps.maxTokens.toLocaleString("en-US")}`);
    }
    checkNesting(tokens);
  }
}

function checkNesting(tokens: readonly SqlToken[]): void {
  // One entry per open bracket, plus the statement itself: whether a SELECT
  // starts directly inside it. Those entries are the SELECTs nested so far.
  const levels: boolean[] = [false];
  let selects = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && opening.has(token.text)) {
      levels.push(false);
      if (levels.length - 1 > caps.maxBracketDepth) throw tooComplexRejection(`brackets nest more than ${caps.maxBracketDepth} levels deep`);
    } else if (token.kind === "punct" && closing.has(token.text)) {
      if (levels.length > 1 && levels.pop() === true) selects -= 1;
    } else if (token.kind === "word" && levels.at(-1) === false && token.text.toLowerCase() === "select") {
      levels[levels.length - 1] = true;
      selects += 1;
      if (selects > caps.maxSubqueryDepth) throw tooComplexRejection(`SELECTs nest more than ${caps.maxSubqueryDepth} levels deep`);
    }
  }
}
