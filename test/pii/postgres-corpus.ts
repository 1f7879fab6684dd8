import { decoders } from "./decoders.js";
import { answersTrue, casesFor, failsOnMatch, matchesSome, returnsRows, splitsAccounts, variesPerRow, type ExtractionCase } from "./extraction-case.js";

/** Character positions 1..60 as a VALUES list: Postgres has no range in FROM that the guard admits. */
const positions = Array.from({ length: 60 }, (_, i) => `(${i + 1})`).join(", ");

/**
 * PII-extraction statements for Postgres (catalog/demo-servers, source
 * `accounts`, loaded by `skiff demo load`): accounts.accounts.email is `pii: email`.
 */
export const postgresCorpus: ExtractionCase[] = casesFor("postgres", [
  // Whole-row references.
  ["whole-row", "alias", "SELECT a FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "row_to_json", "SELECT row_to_json(a) FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "to_jsonb-star", "SELECT to_jsonb(a.*) FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "cast-text", "SELECT a::text FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "row-star", "SELECT ROW(a.*) FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "json_agg", "SELECT json_agg(a) FROM (SELECT * FROM accounts.accounts ORDER BY account_id LIMIT 50) a"],
  ["whole-row", "jsonb-field", "SELECT to_jsonb(a) ->> 'email' FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "record-field", "SELECT (a).email FROM accounts.accounts a LIMIT 50"],
  ["whole-row", "json_build_object", "SELECT json_build_object('e', email) FROM accounts.accounts LIMIT 50"],
  ["whole-row", "array", "SELECT ARRAY[email, name] FROM accounts.accounts LIMIT 50"],
  ["whole-row", "table-name", "SELECT accounts FROM accounts.accounts LIMIT 50"],

  // Stars.
  ["star", "star", "SELECT * FROM accounts.accounts LIMIT 50"],
  ["star", "qualified-star", "SELECT a.* FROM accounts.accounts a LIMIT 50"],
  ["star", "star-of-subquery", "SELECT * FROM (SELECT * FROM accounts.accounts) s LIMIT 50"],
  ["star", "table-statement", "TABLE accounts.accounts"],
  ["star", "only", "SELECT email FROM ONLY accounts.accounts LIMIT 50"],
  ["star", "join-using", "SELECT * FROM accounts.accounts a JOIN accounts.zones z USING (account_id) LIMIT 50"],

  // Column-alias lists.
  ["alias-list", "table-alias-list", "SELECT t.c FROM accounts.accounts AS t(a, b, c) LIMIT 50"],
  ["alias-list", "cte-columns", "WITH c(x) AS (SELECT email FROM accounts.accounts) SELECT x FROM c LIMIT 50"],
  ["alias-list", "subquery-columns", "SELECT x FROM (SELECT email FROM accounts.accounts) s(x) LIMIT 50"],
  ["alias-list", "union-columns", "SELECT n FROM (SELECT account_id, email FROM accounts.accounts UNION ALL SELECT 0, 'none') t(i, n) LIMIT 50"],
  ["alias-list", "values-join", "SELECT v.k, a.email FROM (VALUES (1001), (1002), (1003)) v(k) JOIN accounts.accounts a ON a.account_id = v.k"],
  ["alias-list", "values-guess", "SELECT v.e FROM (VALUES ('{{email}}')) v(e) JOIN accounts.accounts a ON a.email = v.e", { inference: returnsRows("the guessed email is an account's") }],

  // Predicates, joins and orderings.
  [
    "predicate",
    "rebuild-char-by-char",
    `SELECT a.account_id, (SELECT string_agg(chr(ascii(substr(b.email, v.i, 1))), '' ORDER BY v.i) FROM accounts.accounts b, (VALUES ${positions}) v(i) WHERE b.account_id = a.account_id AND v.i <= length(b.email)) AS rebuilt FROM accounts.accounts a ORDER BY a.account_id LIMIT 50`,
  ],
  ["predicate", "like-prefix", "SELECT count(*) FROM accounts.accounts WHERE email LIKE '{{prefix}}%'", { inference: matchesSome("how many emails start with a known prefix") }],
  ["predicate", "ilike-prefix", "SELECT count(*) FROM accounts.accounts WHERE email ILIKE upper('{{prefix}}') || '%'", { inference: matchesSome("how many emails start with a prefix, any case") }],
  ["predicate", "regex-prefix", "SELECT count(*) FROM accounts.accounts WHERE email ~ '^{{prefix}}'", { inference: matchesSome("how many emails match a regex") }],
  ["predicate", "binary-search", "SELECT count(*) FROM accounts.accounts WHERE email < 'm'", { inference: splitsAccounts("how many emails sort before 'm'") }],
  ["predicate", "collate-c", `SELECT count(*) FROM accounts.accounts WHERE email COLLATE "C" < 'm'`, { inference: splitsAccounts("how many emails sort before 'm' bytewise") }],
  ["predicate", "exists", "SELECT count(*) FROM accounts.zones z WHERE EXISTS (SELECT 1 FROM accounts.accounts a WHERE a.account_id = z.account_id AND a.email LIKE '{{prefix}}%')", { inference: matchesSome("zones of accounts whose email has a prefix") }],
  ["predicate", "in-list", "SELECT account_id FROM accounts.accounts WHERE email IN ('{{email}}', 'nobody@nowhere.invalid')", { inference: returnsRows("which account has the guessed email") }],
  ["predicate", "equals-guess", "SELECT count(*) FROM accounts.accounts WHERE email = '{{email}}'", { inference: matchesSome("that the guessed email exists") }],
  ["predicate", "join-on-pii", "SELECT z.domain FROM accounts.zones z JOIN accounts.accounts a ON a.email = '{{local}}@' || split_part(z.domain, '.', 1) || '.example'", { inference: returnsRows("which zone's owner has the guessed address") }],
  ["predicate", "order-by-email", "SELECT account_id FROM accounts.accounts ORDER BY email LIMIT 50", { inference: returnsRows("accounts in the alphabetical order of their emails") }],
  ["predicate", "row_number-over-email", "SELECT account_id, row_number() OVER (ORDER BY email) AS r FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("each email's alphabetical rank") }],
  ["predicate", "case-bit-per-row", "SELECT account_id, CASE WHEN substr(email, 1, 1) = 'a' THEN 1 ELSE 0 END AS bit FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("one bit of each email per row") }],
  ["predicate", "first-letter-histogram", "SELECT left(email, 1), count(*) FROM accounts.accounts GROUP BY 1 ORDER BY 1", { inference: returnsRows("the distribution of first letters") }],
  ["predicate", "length", "SELECT account_id, length(email) FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("each email's length") }],
  ["predicate", "strpos-of-at", "SELECT account_id, strpos(email, '@') FROM accounts.accounts ORDER BY account_id", { inference: variesPerRow("each local part's length") }],
  ["predicate", "error-oracle", "SELECT 1 / (CASE WHEN email LIKE '{{prefix}}%' THEN 0 ELSE 1 END) FROM accounts.accounts", { inference: failsOnMatch("whether any email has a prefix (by dividing by zero)") }],
  ["predicate", "hashtext-per-row", "SELECT account_id, hashtext(email) FROM accounts.accounts ORDER BY account_id LIMIT 100", { inference: returnsRows("a hash an attacker can match against guesses") }],
  ["predicate", "min-max", "SELECT min(email), max(email) FROM accounts.accounts"],

  // Functions of the value.
  ["derived", "substring-regex", "SELECT substring(email from '^([^@]+)@') FROM accounts.accounts LIMIT 50"],
  ["derived", "regexp_match", "SELECT regexp_match(email, '^(.*)@(.*)$') FROM accounts.accounts LIMIT 50"],
  ["derived", "split_part-domain", "SELECT split_part(email, '@', 2) AS domain, count(*) FROM accounts.accounts GROUP BY 1 ORDER BY 2 DESC LIMIT 50"],
  ["derived", "split_part-local", "SELECT split_part(email, '@', 1) FROM accounts.accounts LIMIT 50"],
  ["derived", "md5", "SELECT md5(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "sha256", "SELECT encode(sha256(convert_to(email, 'UTF8')), 'hex') FROM accounts.accounts LIMIT 50"],
  ["derived", "format", "SELECT format('%s', email) FROM accounts.accounts LIMIT 50"],
  ["derived", "concat", "SELECT concat(name, ' <', email, '>') FROM accounts.accounts LIMIT 50"],
  ["derived", "quote_literal", "SELECT quote_literal(email), quote_ident(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "hex", "SELECT encode(convert_to(email, 'UTF8'), 'hex') FROM accounts.accounts LIMIT 50"],
  ["derived", "base64", "SELECT encode(convert_to(email, 'UTF8'), 'base64') FROM accounts.accounts LIMIT 50"],
  ["derived", "bytea", "SELECT convert_to(email, 'UTF8') FROM accounts.accounts LIMIT 50", { decode: decoders.charCodes }],
  ["derived", "reverse", "SELECT reverse(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "upper-initcap", "SELECT upper(email), initcap(email) FROM accounts.accounts LIMIT 50"],
  ["derived", "translate", "SELECT translate(email, 'abcdefghijklmnopqrstuvwxyz', 'bcdefghijklmnopqrstuvwxyza') FROM accounts.accounts LIMIT 50", { decode: decoders.shiftBack }],
  ["derived", "separated-chars", "SELECT array_to_string(regexp_split_to_array(email, ''), '|') FROM accounts.accounts LIMIT 50", { decode: decoders.withoutPipes }],
  ["derived", "string_to_array-chars", "SELECT string_to_array(email, NULL) FROM accounts.accounts LIMIT 50", { decode: decoders.squeeze }],
  ["derived", "unnest-parts", "SELECT unnest(string_to_array(email, '@')) FROM accounts.accounts LIMIT 50"],
  ["derived", "xmlelement", "SELECT xmlelement(name e, email) FROM accounts.accounts LIMIT 50"],

  // Conversions that fail, with the value in the message.
  ["error", "cast-integer", "SELECT CAST(email AS INTEGER) FROM accounts.accounts"],
  ["error", "cast-shorthand", "SELECT email::int FROM accounts.accounts"],
  ["error", "cast-date", "SELECT email::date FROM accounts.accounts"],
  ["error", "cast-json", "SELECT email::json FROM accounts.accounts", { extracts: false }],
  ["error", "cast-inet", "SELECT email::inet FROM accounts.accounts"],
  ["error", "to_number", "SELECT to_number(email, '9999') FROM accounts.accounts", { extracts: false }],
  ["error", "compare-with-number", "SELECT account_id FROM accounts.accounts WHERE email = 1", { extracts: false }],
  ["error", "unknown-column", "SELECT emial FROM accounts.accounts", { extracts: false }],
  ["error", "ambiguous-column", "SELECT email FROM accounts.accounts a JOIN accounts.accounts b USING (account_id)", { extracts: false }],

  // Lateral joins, recursion, subqueries.
  ["lateral", "lateral-subquery", "SELECT s.x FROM accounts.accounts a, LATERAL (SELECT a.email AS x) s LIMIT 50"],
  [
    "lateral",
    "recursive-cte",
    "WITH RECURSIVE c(i, s) AS (SELECT 1, substr((SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 1), 1, 1) UNION ALL SELECT i + 1, s || substr((SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 1), i + 1, 1) FROM c WHERE i < 60) SELECT s FROM c ORDER BY i DESC LIMIT 1",
  ],
  ["lateral", "scalar-subquery", "SELECT (SELECT email FROM accounts.accounts ORDER BY account_id LIMIT 1)"],
  ["lateral", "exists-subquery", "SELECT EXISTS (SELECT 1 FROM accounts.accounts WHERE email LIKE '{{prefix}}%')", { inference: answersTrue("whether an email has a prefix") }],

  // Quoting, case, unicode escapes and comments in names.
  ["identifier", "upper-quoted", `SELECT "EMAIL" FROM accounts.accounts LIMIT 50`, { extracts: false }],
  ["identifier", "unicode-escape-column", `SELECT U&"\\0065mail" FROM accounts.accounts LIMIT 50`],
  ["identifier", "unicode-escape-table", `SELECT email FROM accounts.U&"\\0061ccounts" LIMIT 50`],
  ["identifier", "quoted-table", `SELECT "email" FROM "accounts"."accounts" LIMIT 50`],
  ["identifier", "upper-table", "SELECT email FROM ACCOUNTS.ACCOUNTS LIMIT 50"],
  ["identifier", "comment-in-name", "SELECT email FROM accounts/**/.accounts LIMIT 50"],
  ["identifier", "database-qualified", `SELECT email FROM "{{postgresDb}}".accounts.accounts LIMIT 50`],
  ["identifier", "three-part-column", "SELECT accounts.accounts.email FROM accounts.accounts LIMIT 50"],

  // Anything else.
  ["other", "window-first_value", "SELECT first_value(email) OVER (ORDER BY account_id) FROM accounts.accounts LIMIT 50"],
  ["other", "window-lag", "SELECT lag(email) OVER (ORDER BY account_id) FROM accounts.accounts LIMIT 50"],
  ["other", "group-by-count", "SELECT email, count(*) FROM accounts.accounts GROUP BY email ORDER BY 2 DESC, 1 LIMIT 50"],
  ["other", "distinct-on", "SELECT DISTINCT ON (email) email, account_id FROM accounts.accounts ORDER BY email LIMIT 50"],
  ["other", "string_agg", "SELECT string_agg(email, ',') FROM accounts.accounts"],
  ["other", "array_agg", "SELECT array_agg(email ORDER BY email) FROM accounts.accounts"],
  ["other", "union-literal", "SELECT email FROM accounts.accounts UNION ALL SELECT 'someone@nowhere.invalid' LIMIT 50"],
  ["other", "limit-offset", "SELECT email FROM accounts.accounts LIMIT 1 OFFSET 5"],
  ["other", "current_query", "SELECT current_query() FROM accounts.accounts LIMIT 1", { extracts: false }],
  ["other", "query_to_xml", "SELECT query_to_xml('SELECT email FROM accounts.accounts', true, false, '')"],
  ["other", "pg_stat_activity", "SELECT query FROM pg_stat_activity", { extracts: false }],
]);
