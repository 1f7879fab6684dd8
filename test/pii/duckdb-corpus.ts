import { decoders } from "./decoders.js";
import { casesFor, failsOnMatch, matchesSome, returnsRows, splitsAccounts, variesPerRow, type ExtractionCase } from "./extraction-case.js";

/**
 * PII-extraction statements for the embedded lake (catalog/demo, source
 * `accounts`: accounts.accounts.email is `pii: email`). Each is what an
 * attacker who knows DuckDB would send through `skiff sql` or the agent.
 */
export const duckdbCorpus: ExtractionCase[] = casesFor("duckdb", [
  // Column-selection functions: the column is never named, so a name-based mask never sees it.
  ["columns", "columns-name", "SELECT COLUMNS('email') FROM accounts.accounts LIMIT 50"],
  ["columns", "columns-star", "SELECT COLUMNS(*) FROM accounts.accounts LIMIT 50"],
  ["columns", "columns-lambda", "SELECT COLUMNS(c -> c LIKE '%mail%') FROM accounts.accounts LIMIT 50"],
  ["columns", "columns-regex", "SELECT COLUMNS('^e.*l$') FROM accounts.accounts LIMIT 50"],
  ["columns", "columns-in-function", "SELECT upper(COLUMNS('mail')) FROM accounts.accounts LIMIT 50"],
  ["columns", "columns-aggregate", "SELECT max(COLUMNS(*)) FROM accounts.accounts"],
  ["columns", "star-like", "SELECT * LIKE '%mail%' FROM accounts.accounts LIMIT 50"],

  // Whole-row references: the row carries every column, PII included.
  ["whole-row", "alias", "SELECT a FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "table-name", "SELECT accounts FROM accounts.accounts LIMIT 50"],
  ["whole-row", "to_json", "SELECT to_json(a) FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "cast-varchar", "SELECT a::VARCHAR FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "struct_pack-star", "SELECT struct_pack(a.*) FROM accounts.accounts a LIMIT 50", { extracts: false }],
  ["whole-row", "struct_pack-columns", "SELECT struct_pack(COLUMNS(*)) FROM accounts.accounts LIMIT 50"],
  ["whole-row", "struct_pack-named", "SELECT struct_pack(a := account_id, e := email) FROM accounts.accounts LIMIT 50"],
  ["whole-row", "row-star", "SELECT ROW(a.*) FROM accounts.accounts a LIMIT 50", { extracts: false }],
  ["whole-row", "row-columns", "SELECT ROW(account_id, email) FROM accounts.accounts LIMIT 50"],
  ["whole-row", "list_value", "SELECT list_value(a.email) FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "struct-literal", "SELECT {'e': a.email} FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "list-literal", "SELECT [email, name] FROM accounts.accounts LIMIT 50"],
  ["whole-row", "map", "SELECT map([email], [account_id]) FROM accounts.accounts LIMIT 50"],
  ["whole-row", "struct-field", "SELECT struct_extract(r, 'email') FROM (SELECT a AS r FROM accounts.accounts a) s LIMIT 50"],
  ["whole-row", "json-arrow", "SELECT to_json(a) ->> 'email' FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "json_object", "SELECT json_object('e', email) FROM accounts.accounts LIMIT 50"],
  ["whole-row", "unnest-struct", "SELECT unnest(a) FROM accounts.accounts a LIMIT 50"],

  // Stars, and stars one level down.
  ["star", "star", "SELECT * FROM accounts.accounts LIMIT 50"],
  ["star", "qualified-star", "SELECT a.* FROM accounts.accounts a LIMIT 50"],
  ["star", "star-of-subquery", "SELECT * FROM (SELECT * FROM accounts.accounts) LIMIT 50"],
  ["star", "exclude", "SELECT * EXCLUDE (name) FROM accounts.accounts LIMIT 50"],
  ["star", "replace", "SELECT * REPLACE (upper(email) AS email) FROM accounts.accounts LIMIT 50"],
  ["star", "join-using", "SELECT * FROM accounts.accounts a JOIN accounts.zones z USING (account_id) LIMIT 50"],
  ["star", "natural-join", "SELECT * FROM accounts.accounts NATURAL JOIN (SELECT account_id FROM accounts.zones) z LIMIT 50"],

  // Column-alias lists rename the column out from under a name-based mask.
  ["alias-list", "table-alias-list", "SELECT t.c FROM accounts.accounts AS t(a, b, c) LIMIT 50"],
  ["alias-list", "cte-columns", "WITH c(x) AS (SELECT email FROM accounts.accounts) SELECT x FROM c LIMIT 50"],
  ["alias-list", "subquery-columns", "SELECT x FROM (SELECT email FROM accounts.accounts) s(x) LIMIT 50"],
  ["alias-list", "union-columns", "SELECT n FROM (SELECT account_id, email FROM accounts.accounts UNION ALL SELECT 0, 'none') t(i, n) LIMIT 50"],
  ["alias-list", "values-join", "SELECT v.k, a.email FROM (VALUES (1001), (1002), (1003)) v(k) JOIN accounts.accounts a ON a.account_id = v.k"],
  ["alias-list", "values-guess", "SELECT v.e FROM (VALUES ('{{email}}')) v(e) JOIN accounts.accounts a ON a.email = v.e", { inference: returnsRows("the guessed email is an account's") }],

  // DuckDB resolves select aliases laterally: the second item is the first one again.
  ["reused-alias", "lateral-alias", "SELECT email AS e, e AS f FROM accounts.accounts LIMIT 50"],
  ["reused-alias", "lateral-alias-functions", "SELECT email AS e, upper(e) AS f, split_part(e, '@', 1) AS g FROM accounts.accounts LIMIT 50"],
  ["reused-alias", "swapped-names", "SELECT account_id AS email, email AS account_id FROM accounts.accounts LIMIT 50"],

  // Data flowing through predicates, joins and orderings.
  [
    "predicate",
    "rebuild-char-by-char",
    "SELECT a.account_id, (SELECT string_agg(chr(ascii(substr(b.email, i, 1))), '' ORDER BY i) FROM accounts.accounts b, (SELECT unnest(range(1, 60)) AS i) r WHERE b.account_id = a.account_id AND i <= length(b.email)) AS rebuilt FROM accounts.accounts a ORDER BY a.account_id LIMIT 50",
  ],
  ["predicate", "char-codes", "SELECT account_id, list_transform(range(1, length(email) + 1), i -> ascii(substr(email, i, 1))) FROM accounts.accounts ORDER BY account_id LIMIT 50", { decode: decoders.charCodes }],
  ["predicate", "like-prefix", "SELECT count(*) FROM accounts.accounts WHERE email LIKE '{{prefix}}%'", { inference: matchesSome("how many emails start with a known prefix") }],
  ["predicate", "binary-search", "SELECT count(*) FROM accounts.accounts WHERE email < 'm'", { inference: splitsAccounts("how many emails sort before 'm'") }],
  ["predicate", "between", "SELECT count(*) FROM accounts.accounts WHERE email BETWEEN 'a' AND 'f'", { inference: splitsAccounts("how many emails sort between 'a' and 'f'") }],
  ["predicate", "glob", "SELECT count(*) FROM accounts.accounts WHERE email GLOB '{{prefix}}*'", { inference: matchesSome("how many emails match a glob") }],
  ["predicate", "regexp_matches", "SELECT count(*) FROM accounts.accounts WHERE regexp_matches(email, '^{{prefix}}')", { inference: matchesSome("how many emails match a regex") }],
  ["predicate", "starts_with", "SELECT count(*) FROM accounts.accounts WHERE starts_with(email, '{{prefix}}')", { inference: matchesSome("how many emails start with a prefix") }],
  ["predicate", "contains-local", "SELECT count(*) FROM accounts.accounts WHERE contains(email, '{{local}}')", { inference: matchesSome("whether a guessed local part is in use") }],
  ["predicate", "exists", "SELECT count(*) FROM accounts.zones z WHERE EXISTS (SELECT 1 FROM accounts.accounts a WHERE a.account_id = z.account_id AND a.email LIKE '{{prefix}}%')", { inference: matchesSome("zones of accounts whose email has a prefix") }],
  ["predicate", "in-list", "SELECT account_id FROM accounts.accounts WHERE email IN ('{{email}}', 'nobody@nowhere.invalid')", { inference: returnsRows("which account has the guessed email") }],
  ["predicate", "equals-guess", "SELECT count(*) FROM accounts.accounts WHERE email = '{{email}}'", { inference: matchesSome("that the guessed email exists") }],
  [
    "predicate",
    "join-on-pii",
    "SELECT z.domain FROM accounts.zones z JOIN accounts.accounts a ON a.email = '{{local}}@' || split_part(z.domain, '.', 1) || '.example'",
    { inference: returnsRows("which zone's owner has the guessed address") },
  ],
  ["predicate", "order-by-email", "SELECT account_id FROM accounts.accounts ORDER BY email LIMIT 50", { inference: returnsRows("accounts in the alphabetical order of their emails") }],
  ["predicate", "row_number-over-email", "SELECT account_id, row_number() OVER (ORDER BY email) AS r FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("each email's alphabetical rank") }],
  ["predicate", "case-bit-per-row", "SELECT account_id, CASE WHEN substr(email, 1, 1) = 'a' THEN 1 ELSE 0 END AS bit FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("one bit of each email per row") }],
  ["predicate", "case-bit-sum", "SELECT sum(CASE WHEN email LIKE '%k%' THEN 1 ELSE 0 END) FROM accounts.accounts", { inference: splitsAccounts("how many emails hold a 'k'") }],
  ["predicate", "ascii-sum", "SELECT sum(ascii(email)) FROM accounts.accounts", { inference: matchesSome("the emails' first characters") }],
  ["predicate", "length", "SELECT account_id, length(email) FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("each email's length") }],
  ["predicate", "position-of-at", "SELECT account_id, position('@' IN email) FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("each local part's length") }],
  ["predicate", "levenshtein-guess", "SELECT account_id, levenshtein(email, '{{email}}') FROM accounts.accounts ORDER BY account_id LIMIT 100", { inference: variesPerRow("how close each email is to a guess") }],
  ["predicate", "error-oracle", "SELECT CASE WHEN email LIKE '{{prefix}}%' THEN error('hit') END FROM accounts.accounts", { inference: failsOnMatch("whether any email has a prefix (by failing)") }],
  ["predicate", "hash-per-row", "SELECT account_id, hash(email) FROM accounts.accounts ORDER BY account_id LIMIT 100", { inference: returnsRows("a hash an attacker can match against guesses") }],
  ["predicate", "min-max", "SELECT min(email), max(email) FROM accounts.accounts"],

  // Functions of the value: the value comes out transformed, encoded or hashed.
  ["derived", "regexp_extract", "SELECT regexp_extract(email, '^([^@]+)@', 1) FROM accounts.accounts LIMIT 50"],
  ["derived", "split_part-domain", "SELECT split_part(email, '@', 2) AS domain, count(*) FROM accounts.accounts GROUP BY 1 ORDER BY 2 DESC LIMIT 50"],
  ["derived", "split_part-local", "SELECT split_part(email, '@', 1) FROM accounts.accounts LIMIT 50"],
  ["derived", "slice", "SELECT email[1:12] FROM accounts.accounts LIMIT 50"],
  ["derived", "md5", "SELECT md5(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "sha256", "SELECT sha256(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "printf", "SELECT printf('%s', email) FROM accounts.accounts LIMIT 50"],
  ["derived", "format", "SELECT format('{}', email) FROM accounts.accounts LIMIT 50"],
  ["derived", "concat", "SELECT name || ' <' || email || '>' FROM accounts.accounts LIMIT 50"],
  ["derived", "concat_ws", "SELECT concat_ws(',', name, email) FROM accounts.accounts LIMIT 50"],
  ["derived", "hex", "SELECT hex(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "to_base64", "SELECT to_base64(encode(email)) FROM accounts.accounts LIMIT 50"],
  ["derived", "url_encode", "SELECT url_encode(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "blob", "SELECT encode(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "reverse", "SELECT reverse(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "upper", "SELECT upper(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "translate", "SELECT translate(email, 'abcdefghijklmnopqrstuvwxyz', 'bcdefghijklmnopqrstuvwxyza') FROM accounts.accounts LIMIT 50", { decode: decoders.shiftBack }],
  ["derived", "replace-dots", "SELECT replace(email, '.', ' dot ') FROM accounts.accounts LIMIT 50", { decode: decoders.dotWords }],
  ["derived", "string_split", "SELECT string_split(email, '@') FROM accounts.accounts LIMIT 50"],
  ["derived", "unnest-chars", "SELECT unnest(string_split(email, '')) FROM (SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 3)", { decode: decoders.squeeze }],

  // Conversions that fail, with the value in the engine's message.
  ["error", "cast-integer", "SELECT CAST(email AS INTEGER) FROM accounts.accounts"],
  ["error", "cast-shorthand", "SELECT email::int FROM accounts.accounts"],
  ["error", "cast-date", "SELECT CAST(email AS DATE) FROM accounts.accounts"],
  ["error", "cast-json", "SELECT email::JSON FROM accounts.accounts"],
  ["error", "compare-with-number", "SELECT account_id FROM accounts.accounts WHERE email = 1"],
  ["error", "error-function", "SELECT error(email) FROM accounts.accounts"],
  ["error", "error-concat", "SELECT error('contact: ' || email) FROM accounts.accounts WHERE account_id = 1001"],
  ["error", "unknown-column", "SELECT emial FROM accounts.accounts", { extracts: false }],
  ["error", "no-such-function", "SELECT email + 1 FROM accounts.accounts", { extracts: false }],
  ["error", "ambiguous-column", "SELECT email FROM accounts.accounts a JOIN accounts.accounts b USING (account_id)", { extracts: false }],

  // Lateral joins, recursion and subqueries in the select list.
  ["lateral", "lateral-subquery", "SELECT s.x FROM accounts.accounts a, LATERAL (SELECT a.email AS x) s LIMIT 50"],
  [
    "lateral",
    "recursive-cte",
    "WITH RECURSIVE c(i, s) AS (SELECT 1, substr((SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 1), 1, 1) UNION ALL SELECT i + 1, s || substr((SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 1), i + 1, 1) FROM c WHERE i < 60) SELECT s FROM c ORDER BY i DESC LIMIT 1",
  ],
  ["lateral", "scalar-subquery", "SELECT (SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 1)"],
  ["lateral", "subquery-in-where", "SELECT name FROM accounts.accounts WHERE email = (SELECT max(email) FROM accounts.accounts)", { inference: returnsRows("whose email sorts last") }],

  // DuckDB names an unaliased column after its expression: with a subquery over a rewritten table, after the rewrite.
  ["column-name", "exists-subquery", "SELECT EXISTS (SELECT 1 FROM accounts.accounts)", { extracts: false }],
  ["column-name", "in-subquery", "SELECT 1001 IN (SELECT account_id FROM accounts.accounts)", { extracts: false }],
  ["column-name", "scalar-subquery-count", "SELECT (SELECT count(*) FROM accounts.accounts)", { extracts: false }],
  ["column-name", "function-of-subquery", "SELECT lower((SELECT max(email) FROM accounts.accounts))"],

  // Quoting, case and comments in names.
  ["identifier", "upper-quoted", `SELECT "EMAIL" FROM accounts.accounts LIMIT 50`],
  ["identifier", "mixed-case", `SELECT "Email" FROM "ACCOUNTS"."Accounts" LIMIT 50`],
  ["identifier", "upper-table", "SELECT email FROM ACCOUNTS.ACCOUNTS LIMIT 50"],
  ["identifier", "comment-in-name", "SELECT email FROM accounts/**/.accounts LIMIT 50"],
  ["identifier", "spaced-name", "SELECT email FROM accounts . accounts LIMIT 50"],
  ["identifier", "catalog-qualified", `SELECT email FROM "{{lakeCatalog}}".accounts.accounts LIMIT 50`],
  ["identifier", "three-part-column", "SELECT accounts.accounts.email FROM accounts.accounts LIMIT 50"],
  ["identifier", "table-name-in-select", "SELECT accounts.accounts FROM accounts.accounts LIMIT 50"],
  ["identifier", "table-as-string", "SELECT email FROM 'accounts.accounts' LIMIT 50", { extracts: false }],

  // Whatever else an attacker who knows SQL tries.
  ["other", "window-first_value", "SELECT first_value(email) OVER (ORDER BY account_id) FROM accounts.accounts LIMIT 50"],
  ["other", "window-lag", "SELECT lag(email) OVER (ORDER BY account_id) FROM accounts.accounts LIMIT 50"],
  ["other", "group-by-count", "SELECT email, count(*) FROM accounts.accounts GROUP BY email ORDER BY 2 DESC, 1 LIMIT 50"],
  ["other", "distinct-on", "SELECT DISTINCT ON (email) email, account_id FROM accounts.accounts ORDER BY email LIMIT 50"],
  ["other", "string_agg", "SELECT string_agg(email, ',') FROM accounts.accounts"],
  ["other", "string_agg-no-separator", "SELECT string_agg(email, '') FROM accounts.accounts"],
  ["other", "array_agg", "SELECT array_agg(email ORDER BY email) FROM accounts.accounts"],
  ["other", "list", "SELECT list(email) FROM accounts.accounts"],
  ["other", "histogram", "SELECT histogram(email) FROM accounts.accounts"],
  ["other", "arg_max", "SELECT arg_max(email, created_at), arg_min(email, created_at) FROM accounts.accounts"],
  ["other", "any_value-mode", "SELECT any_value(email), mode(email) FROM accounts.accounts"],
  ["other", "union-literal", "SELECT email FROM accounts.accounts UNION ALL SELECT 'someone@nowhere.invalid' LIMIT 50"],
  ["other", "limit-offset", "SELECT email FROM accounts.accounts LIMIT 1 OFFSET 5"],
  ["other", "sample", "SELECT email FROM accounts.accounts USING SAMPLE 5"],
  ["other", "pivot", "SELECT * FROM (PIVOT accounts.accounts ON plan USING first(email)) LIMIT 50"],
  ["other", "summarize", "SUMMARIZE accounts.accounts"],
  ["other", "from-first", "FROM accounts.accounts SELECT email LIMIT 50"],
  ["other", "query_table", "SELECT * FROM query_table('accounts.accounts') LIMIT 50"],
  ["other", "query-string", "SELECT * FROM query('SELECT email FROM accounts.accounts') LIMIT 50"],
  ["other", "current_query", "SELECT current_query() FROM accounts.accounts LIMIT 1", { extracts: false }],
  ["other", "cross-join-zones", "SELECT z.domain, a.email FROM accounts.zones z, accounts.accounts a WHERE a.account_id = z.account_id LIMIT 50"],
  ["other", "cte-twice", "WITH x AS (SELECT email FROM accounts.accounts), y AS (SELECT * FROM x) SELECT * FROM y LIMIT 50"],
]);
