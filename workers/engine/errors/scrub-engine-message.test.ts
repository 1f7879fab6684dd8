import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../../test/fixtures/catalog-fixture.js";
import { knownIdentifiers } from "./known-identifiers.js";
import { scrubEngineMessage } from "./scrub-engine-message.js";

const scrub = (message: string, sql: string) => scrubEngineMessage(message, knownIdentifiers({ sql }));

// Messages as DuckDB 1.5, PostgreSQL and ClickHouse 18.16 write them.
describe("scrubEngineMessage", () => {
  it("drops DuckDB's statement echo and replaces single-quoted values", () => {
    const message = "Conversion Error: Could not convert string 'mateo@example.com' to INT32 when casting from source column email\n\nLINE 1: SELECT CAST(email AS INTEGER) FROM t WHERE x = 'ana@example.org'\n               ^";
    expect(scrub(message, "SELECT CAST(email AS INTEGER) FROM t WHERE x = 'ana@example.org'").message).toBe(
      "Conversion Error: Could not convert string <value> to INT32 when casting from source column email",
    );
  });

  it("drops a caret line together with the value line it points into", () => {
    const message = 'Invalid Input Error: Could not parse string "mateo@example.com" according to format specifier "%Y"\nmateo@example.com\n^\nError: Expected a number';
    expect(scrub(message, "SELECT strptime(email, '%Y') FROM t").message).toBe("Invalid Input Error: Could not parse string <value> according to format specifier <value>\nError: Expected a number");
  });

  it("keeps double-quoted names the statement uses and replaces other quoted text", () => {
    expect(scrub('invalid input syntax for type integer: "mateo@example.com"', "SELECT email::int FROM t").message).toBe("invalid input syntax for type integer: <value>");
    expect(scrub('column "Email" does not exist', 'SELECT "Email" FROM t').message).toBe('column "Email" does not exist');
    expect(scrub('relation "accounts.zonez" does not exist', "SELECT * FROM accounts.zonez").message).toBe('relation "accounts.zonez" does not exist');
    expect(scrub('invalid date field format: "email"', "SELECT CAST(ip AS DATE) FROM t").message).toBe("invalid date field format: <value>");
    expect(scrub("Unknown column `nope` in `t`", "SELECT nope FROM t").message).toBe("Unknown column `nope` in `t`");
    expect(scrub("Unknown value `mateo` in `t`", "SELECT nope FROM t").message).toBe("Unknown value <value> in `t`");
  });

  it("keeps the catalog's reviewed column names (DuckDB's candidate bindings), not pending ones", () => {
    const catalog = buildCatalog({
      sources: [{ name: "crm", kind: "duckdb", connection: { path: "/unused" } }],
      tables: [
        {
          name: "tickets",
          source: "crm",
          description: "Tickets.",
          owner: "#a",
          grain: "ticket",
          columns: [{ name: "contact", type: "VARCHAR" }, { name: "secret_notes", type: "VARCHAR", review: "pending" }],
        },
      ],
    });
    const known = knownIdentifiers({ sql: "SELECT nope FROM tickets", catalog, source: "crm" });
    const message = 'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "contact", "secret_notes"\n\nLINE 1: SELECT nope FROM tickets\n               ^';
    expect(scrubEngineMessage(message, known).message).toBe('Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "contact", <value>');
  });

  it("reads apostrophes in the engine's words as apostrophes", () => {
    const message = "Code: 42, e.displayText() = DB::Exception: Number of arguments for function throwIf doesn't match: passed 2, should be 1, e.what() = DB::Exception\n";
    expect(scrub(message, "SELECT throwIf(1, 'x')").message).toBe("Code: 42, e.displayText() = DB::Exception: Number of arguments for function throwIf doesn't match: passed 2, should be 1, e.what() = DB::Exception");
    expect(scrub("Type VARCHAR with value 'O''Brien's' can't be cast", "SELECT 1").message).toBe("Type VARCHAR with value <value> can't be cast");
  });

  it("replaces a quote that never closes up to the end of its line", () => {
    expect(scrub("Cannot parse input: expected 'mateo@example.com\nat row 1", "SELECT 1").message).toBe("Cannot parse input: expected <value>\nat row 1");
  });

  it("masks bare PII-shaped values, paths and servers, and hands paths and servers to the log", () => {
    const scrubbed = scrub(
      'could not open /home/ana/.skiff/demo.duckdb for source lake: IO Error: Could not set lock on file "/home/ana/.skiff/demo.duckdb": held by 203.0.113.7 via http://user:pw@db.example.com:8123/x',
      "SELECT 1",
    );
    expect(scrubbed.message).toBe("could not open <file> for source lake: IO Error: Could not set lock on file <file>: held by [ip_address] via <server>");
    expect(scrubbed.files).toEqual(["/home/ana/.skiff/demo.duckdb"]);
    expect(scrubbed.servers).toEqual(["http://db.example.com:8123"]);
    expect(scrub("Cannot parse uuid mateo@example.com: Cannot parse UUID from String", "SELECT toUUID(c) FROM t").message).toBe("Cannot parse uuid [email]: Cannot parse UUID from String");
  });

  it("is idempotent", () => {
    const once = scrub("Could not convert string 'x' to INT32 in /tmp/a/b for mateo@example.com on localhost:5432", "SELECT 1").message;
    expect(once).toBe("Could not convert string <value> to INT32 in <file> for [email] on <server>");
    expect(scrub(once, "SELECT 1").message).toBe(once);
  });
});
