import { SkiffError } from "../../../shared/errors.js";
import { tokenizeSql } from "../../engine/guard/tokenize-sql.js";

/**
 * Refuses a statement that sets ClickHouse settings itself (`... SETTINGS
 * max_memory_usage = 0`): the adapter's limits travel as settings, and a user
 * whose profile says readonly = 2 may change settings. Under readonly = 1 the
 * server refuses them too; refusing here says so the same way for both. A
 * column or table named `settings` (system.settings) is not a SETTINGS clause.
 */
export function refuseSettingsClause(sql: string, source: string): void {
  for (const backslash of [true, false]) {
    const tokens = tokenizeSql(sql, backslash) ?? [];
    tokens.forEach((token, index) => {
      const name = tokens[index + 1];
      const equals = tokens[index + 2];
      if (token.kind === "word" && token.text.toLowerCase() === "settings" && (name?.kind === "word" || name?.kind === "quoted") && equals?.text === "=") {
        throw new SkiffError("SQL_REJECTED", `rejected (engine-read-only): ${source} does not let a statement change its settings (SETTINGS ${name.text} = …); drop the SETTINGS clause`, {
          detail: { rule: "engine-read-only", source },
        });
      }
    });
  }
}
