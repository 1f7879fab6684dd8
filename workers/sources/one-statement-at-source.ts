import { SkiffError } from "../../shared/errors.js";
import { scanSql, sqlReadings } from "../engine/guard/scan-sql.js";

/**
 * Adapter-side refusal of batches, whatever the guard admitted: Postgres' simple
 * query protocol and some HTTP interfaces run every statement of a batch, so a
 * source never receives text that any engine could read as two statements.
 *
 * @returns the statement without a trailing semicolon (it is wrapped, e.g. in a cursor).
 */
export function oneStatementAtSource(sql: string, source: string): string {
  for (const reading of sqlReadings) {
    const scan = scanSql(sql, reading);
    if (scan?.statements.length !== 1) {
      throw new SkiffError("SQL_REJECTED", `rejected (one-statement): ${source} received ${scan ? scan.statements.length : "unreadable"} statements; send exactly one`, {
        detail: { rule: "one-statement", source },
      });
    }
  }
  return sql.replace(/;\s*$/, "");
}
