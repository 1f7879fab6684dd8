import type { PiiClass } from "../../../catalog/model/column-schema.js";
import type { Dialect } from "../../sql/dialect.js";
import { pseudonymHexDigits, type PiiKey } from "./pii-key.js";

/**
 * SQL that turns a column's value into its keyed pseudonym, `[<class>:<16 hex>]`:
 * HMAC-SHA256 under the install's key, computed by the engine itself so the raw
 * value never leaves the source. Equal values give equal pseudonyms (counting
 * distinct values, GROUP BY and joins keep working, across sources too); NULL
 * stays NULL; nothing can be read back without the key.
 */
export function pseudonymSql(dialect: Dialect, column: string, pii: PiiClass, key: PiiKey): string {
  const { innerPadHex: ipad, outerPadHex: opad } = key;
  const n = pseudonymHexDigits;
  switch (dialect) {
    case "duckdb":
      return `('[${pii}:' || substr(sha256(unhex('${opad}') || unhex(sha256(unhex('${ipad}') || encode(CAST(${column} AS VARCHAR))))), 1, ${n}) || ']')`;
    case "postgres":
      return `('[${pii}:' || substr(encode(sha256(decode('${opad}', 'hex') || sha256(decode('${ipad}', 'hex') || convert_to(CAST(${column} AS text), 'UTF8'))), 'hex'), 1, ${n}) || ']')`;
    case "clickhouse":
      return `concat('[${pii}:', substring(lower(hex(SHA256(concat(unhex('${opad}'), SHA256(concat(unhex('${ipad}'), toString(${column}))))))), 1, ${n}), ']')`;
    case "bigquery":
      return `CONCAT('[${pii}:', SUBSTR(TO_HEX(SHA256(CONCAT(FROM_HEX('${opad}'), SHA256(CONCAT(FROM_HEX('${ipad}'), CAST(CAST(${column} AS STRING) AS BYTES)))))), 1, ${n}), ']')`;
    case "trino":
      return `concat('[${pii}:', substr(lower(to_hex(hmac_sha256(to_utf8(CAST(${column} AS varchar)), from_hex('${key.keyHex}')))), 1, ${n}), ']')`;
  }
}

/** What a pseudonym looks like in a result cell. */
export const pseudonymPattern = /^\[([a-z_]+):[0-9a-f]{16}\]$/;
