import { SkiffError } from "../../../shared/errors.js";
import { tokenizeSql } from "../../engine/guard/tokenize-sql.js";

/**
 * ClickHouse's readonly=1 still runs KILL QUERY, SHOW and DESCRIBE (18.16 and
 * later), so the adapter itself sends only statements whose first word, under
 * either reading of backslashes, is SELECT or WITH.
 */
export function requireQueryStart(sql: string, source: string): void {
  for (const backslash of [true, false]) {
    const first = tokenizeSql(sql, backslash)?.find((token) => !(token.kind === "punct" && token.text === "("));
    const word = first?.kind === "word" ? first.text.toLowerCase() : undefined;
    if (word !== "select" && word !== "with") {
      throw new SkiffError("SQL_REJECTED", `rejected (engine-read-only): ${source} only runs queries, and this starts with ${first?.text ?? "nothing"}; send a SELECT`, {
        detail: { rule: "engine-read-only", source },
      });
    }
  }
}
