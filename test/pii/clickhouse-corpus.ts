import { decoders } from "./decoders.js";
import { casesFor, failsOnMatch, matchesSome, returnsRows, splitsRequests, variesPerRow, type ExtractionCase } from "./extraction-case.js";

/**
 * PII-extraction statements for ClickHouse 18.16 (catalog/demo-servers, source
 * `analytics`, table `http_requests` in the loaded database):
 * http_requests.client_ip is `pii: ip_address`. Old syntax only: no window
 * functions, no `WITH name AS (subquery)`; `WITH (scalar) AS x` is fine.
 */
export const clickhouseCorpus: ExtractionCase[] = casesFor("clickhouse", [
  // Whole rows, tuples, arrays.
  ["whole-row", "tuple-star", "SELECT tuple(*) FROM http_requests LIMIT 50"],
  ["whole-row", "tostring-tuple-star", "SELECT toString(tuple(*)) FROM http_requests LIMIT 50"],
  ["whole-row", "tuple-literal", "SELECT (client_ip, zone_id) FROM http_requests LIMIT 50"],
  ["whole-row", "array-literal", "SELECT [client_ip, country] FROM http_requests LIMIT 50"],
  ["whole-row", "groupArray", "SELECT groupArray(client_ip) FROM (SELECT client_ip FROM http_requests LIMIT 200)"],
  ["whole-row", "groupArray-per-zone", "SELECT zone_id, groupArray(100)(client_ip) FROM http_requests GROUP BY zone_id ORDER BY zone_id LIMIT 20"],
  ["whole-row", "groupUniqArray", "SELECT groupUniqArray(client_ip) FROM (SELECT client_ip FROM http_requests LIMIT 200)"],
  ["whole-row", "arrayStringConcat", "SELECT arrayStringConcat(groupArray(100)(client_ip), ',') FROM http_requests"],
  ["whole-row", "arrayStringConcat-no-separator", "SELECT arrayStringConcat(groupArray(100)(client_ip)) FROM http_requests"],

  // Stars.
  ["star", "star", "SELECT * FROM http_requests LIMIT 50"],
  ["star", "qualified-star", "SELECT r.* FROM http_requests AS r LIMIT 50"],
  ["star", "star-of-subquery", "SELECT * FROM (SELECT * FROM http_requests) LIMIT 50"],
  ["star", "star-join", "SELECT * FROM http_requests ALL INNER JOIN (SELECT zone_id, count() AS n FROM http_requests GROUP BY zone_id) USING zone_id LIMIT 50"],

  // Select aliases ClickHouse resolves anywhere in the statement, forward references included.
  ["reused-alias", "alias-reuse", "SELECT client_ip AS a, a AS b FROM http_requests LIMIT 50"],
  ["reused-alias", "forward-alias", "SELECT a AS b, client_ip AS a FROM http_requests LIMIT 50"],
  ["reused-alias", "forward-alias-function", "SELECT concat(a, '') AS b, upper(client_ip) AS a FROM http_requests LIMIT 50"],
  ["reused-alias", "with-expression", "WITH client_ip AS x SELECT x FROM http_requests LIMIT 50"],
  ["reused-alias", "shadowing-alias", "SELECT zone_id AS client_ip, http_requests.client_ip AS z FROM http_requests LIMIT 50", { extracts: false }],

  // Predicates, orderings and aggregates that infer.
  ["predicate", "like-prefix", "SELECT count() FROM http_requests WHERE client_ip LIKE '{{ipPrefix}}%'", { inference: splitsRequests("how many requests come from addresses with a first octet") }],
  ["predicate", "binary-search", "SELECT count() FROM http_requests WHERE client_ip < '2'", { inference: splitsRequests("how many addresses sort before '2'") }],
  ["predicate", "countIf-guess", "SELECT countIf(client_ip = '{{ip}}') FROM http_requests", { inference: matchesSome("that a guessed address sent requests") }],
  ["predicate", "in-list", "SELECT zone_id, count() FROM http_requests WHERE client_ip IN ('{{ip}}') GROUP BY zone_id ORDER BY zone_id", { inference: returnsRows("which zones a guessed address visited") }],
  ["predicate", "prewhere", "SELECT count() FROM http_requests PREWHERE client_ip = '{{ip}}'", { inference: matchesSome("that a guessed address sent requests") }],
  ["predicate", "match", "SELECT count() FROM http_requests WHERE match(client_ip, '^{{ipPrefix}}')", { inference: matchesSome("how many addresses match a regex") }],
  ["predicate", "in-subquery", "SELECT count() FROM http_requests WHERE zone_id IN (SELECT zone_id FROM http_requests WHERE client_ip = '{{ip}}')", { inference: matchesSome("traffic of the zones a guessed address visited") }],
  ["predicate", "bit-per-zone", "SELECT zone_id, sum(if(substring(client_ip, 1, 1) = '1', 1, 0)) AS bits FROM http_requests GROUP BY zone_id ORDER BY zone_id LIMIT 100", { inference: variesPerRow("one bit of each address, summed per zone") }],
  ["predicate", "length-per-zone", "SELECT zone_id, sum(length(client_ip)) FROM http_requests GROUP BY zone_id ORDER BY zone_id LIMIT 100", { inference: variesPerRow("the addresses' lengths per zone") }],
  ["predicate", "position-per-zone", "SELECT zone_id, sum(position(client_ip, '.')) FROM http_requests GROUP BY zone_id ORDER BY zone_id LIMIT 100", { inference: variesPerRow("the first octets' lengths per zone") }],
  ["predicate", "order-by-ip", "SELECT zone_id, ts, edge_response_bytes FROM http_requests ORDER BY client_ip, zone_id, ts, edge_response_bytes LIMIT 50", { inference: returnsRows("requests in the order of their addresses") }],
  ["predicate", "hash-per-zone", "SELECT zone_id, groupBitXor(cityHash64(client_ip)) FROM http_requests GROUP BY zone_id ORDER BY zone_id LIMIT 50", { inference: returnsRows("a hash an attacker can match against guesses") }],
  ["predicate", "throwIf-oracle", "SELECT sum(throwIf(client_ip LIKE '{{ipPrefix}}%')) FROM http_requests", { inference: failsOnMatch("whether any address has a first octet (by failing)") }],
  ["predicate", "division-oracle", "SELECT sum(intDiv(1, toUInt8(NOT (client_ip LIKE '{{ipPrefix}}%')))) FROM http_requests", { inference: failsOnMatch("whether any address has a first octet (by dividing by zero)") }],
  ["predicate", "min-max", "SELECT min(client_ip), max(client_ip) FROM http_requests"],

  // Functions of the value.
  ["derived", "hex", "SELECT hex(client_ip) FROM http_requests LIMIT 50"],
  ["derived", "md5", "SELECT lower(hex(MD5(client_ip))) FROM http_requests LIMIT 50"],
  ["derived", "sha256", "SELECT lower(hex(SHA256(client_ip))) FROM http_requests LIMIT 50"],
  ["derived", "base64Encode", "SELECT base64Encode(client_ip) FROM http_requests LIMIT 50", { extracts: false }],
  ["derived", "reverse", "SELECT reverse(client_ip) FROM http_requests LIMIT 50"],
  ["derived", "concat", "SELECT concat('ip=', client_ip) FROM http_requests LIMIT 50"],
  ["derived", "replaceAll", "SELECT replaceAll(client_ip, '.', '-') FROM http_requests LIMIT 50", { decode: decoders.dashesToDots }],
  ["derived", "replaceRegexpAll", "SELECT replaceRegexpAll(client_ip, '[.]', ' dot ') FROM http_requests LIMIT 50", { decode: decoders.dotWords }],
  ["derived", "IPv4StringToNum", "SELECT IPv4StringToNum(client_ip) FROM http_requests LIMIT 50", { decode: decoders.ipv4Numbers }],
  ["derived", "IPv4-round-trip", "SELECT IPv4NumToString(IPv4StringToNum(client_ip)) FROM http_requests LIMIT 50"],
  ["derived", "splitByChar", "SELECT splitByChar('.', client_ip) FROM http_requests LIMIT 50", { decode: decoders.octetLists }],
  ["derived", "octets", "SELECT arrayMap(x -> toUInt8(x), splitByChar('.', client_ip)) FROM http_requests LIMIT 50", { decode: decoders.octetLists }],
  ["derived", "extractAll", "SELECT extractAll(client_ip, '[0-9]+') FROM http_requests LIMIT 50", { decode: decoders.octetLists }],
  ["derived", "arrayJoin-octets", "SELECT arrayJoin(splitByChar('.', client_ip)) FROM (SELECT client_ip FROM http_requests LIMIT 5)", { decode: decoders.rowsJoinedByDots }],
  ["derived", "char-codes", "SELECT arrayMap(i -> reinterpretAsUInt8(substring(client_ip, i + 1, 1)), range(length(client_ip))) FROM http_requests LIMIT 50", { decode: decoders.charCodes }],
  ["derived", "substring", "SELECT substring(client_ip, 1, 15), extract(client_ip, '^[0-9.]+') FROM http_requests LIMIT 50"],
  ["derived", "toFixedString", "SELECT toFixedString(client_ip, 20) FROM http_requests LIMIT 50"],

  // Conversions that fail, with the value in the message.
  ["error", "toInt32", "SELECT toInt32(client_ip) FROM http_requests"],
  ["error", "toUInt32", "SELECT toUInt32(client_ip) FROM http_requests"],
  ["error", "cast-int32", "SELECT CAST(client_ip AS Int32) FROM http_requests"],
  ["error", "toDate", "SELECT toDate(client_ip) FROM http_requests"],
  ["error", "toDateTime", "SELECT toDateTime(client_ip) FROM http_requests", { extracts: false }],
  ["error", "throwIf-always", "SELECT throwIf(length(client_ip) > 0) FROM http_requests", { extracts: false }],
  ["error", "unknown-column", "SELECT client_iq FROM http_requests", { extracts: false }],
  ["error", "syntax-before-from", "SELECT client_ip,, FROM http_requests", { extracts: false }],
  ["error", "syntax-after-from", "SELECT client_ip FROM http_requests WHERE", { extracts: false }],

  // Identifier escapes ClickHouse decodes, and other spellings of the table.
  ["identifier", "backquote-hex-escape", "SELECT `\\x63lient_ip` FROM http_requests LIMIT 50"],
  ["identifier", "doublequote-hex-escape", `SELECT "\\x63lient_ip" FROM http_requests LIMIT 50`],
  ["identifier", "backquote-backslash", "SELECT `cl\\ient_ip` FROM http_requests LIMIT 50"],
  ["identifier", "table-hex-escape", "SELECT client_ip FROM `http_\\x72equests` LIMIT 50"],
  ["identifier", "table-doublequote-escape", `SELECT client_ip FROM "http_\\x72equests" LIMIT 50`],
  ["identifier", "table-backslash", "SELECT client_ip FROM `http\\_requests` LIMIT 50"],
  ["identifier", "database-qualified", "SELECT client_ip FROM {{clickhouseDb}}.http_requests LIMIT 50"],
  ["identifier", "database-quoted", "SELECT client_ip FROM `{{clickhouseDb}}`.`http_requests` LIMIT 50"],
  ["identifier", "database-qualified-column", "SELECT {{clickhouseDb}}.http_requests.client_ip FROM http_requests LIMIT 50"],
  ["identifier", "comment-before-table", "SELECT client_ip FROM/**/http_requests LIMIT 50"],

  // Anything else.
  ["other", "any", "SELECT any(client_ip), anyLast(client_ip), anyHeavy(client_ip) FROM http_requests"],
  ["other", "topK", "SELECT topK(10)(client_ip) FROM http_requests"],
  ["other", "argMax", "SELECT argMax(client_ip, ts), argMin(client_ip, ts) FROM http_requests"],
  ["other", "group-by-count", "SELECT client_ip, count() FROM http_requests GROUP BY client_ip ORDER BY count() DESC, client_ip LIMIT 50"],
  ["other", "with-totals", "SELECT client_ip, count() AS n FROM http_requests GROUP BY client_ip WITH TOTALS ORDER BY n DESC LIMIT 10"],
  ["other", "limit-by", "SELECT zone_id, client_ip FROM http_requests ORDER BY zone_id LIMIT 1 BY zone_id LIMIT 50"],
  ["other", "limit-offset", "SELECT client_ip FROM http_requests ORDER BY ts DESC LIMIT 5 OFFSET 5"],
  ["other", "array-join", "SELECT client_ip, x FROM http_requests ARRAY JOIN [1, 2] AS x LIMIT 50"],
  ["other", "union-literal", "SELECT client_ip FROM http_requests LIMIT 5 UNION ALL SELECT 'none'"],
  ["other", "scalar-with", "WITH (SELECT any(client_ip) FROM http_requests) AS x SELECT x"],
  ["other", "scalar-subquery", "SELECT (SELECT any(client_ip) FROM http_requests)"],
  ["other", "scalar-subquery-count", "SELECT (SELECT count() FROM http_requests)", { extracts: false }],
  ["other", "in-subquery-column", "SELECT zone_id IN (SELECT zone_id FROM http_requests WHERE client_ip = '{{ip}}') FROM http_requests LIMIT 50", { extracts: false }],
  ["other", "final", "SELECT client_ip FROM http_requests FINAL LIMIT 50", { extracts: false }],
  ["other", "sample", "SELECT client_ip FROM http_requests SAMPLE 0.1 LIMIT 50", { extracts: false }],
  ["other", "format-clause", "SELECT client_ip FROM http_requests LIMIT 50 FORMAT JSON", { extracts: false }],
  ["other", "settings-clause", "SELECT client_ip FROM http_requests LIMIT 50 SETTINGS readonly = 0"],
  ["other", "remote", "SELECT client_ip FROM remote('127.0.0.1', '{{clickhouseDb}}', 'http_requests') LIMIT 50"],
  ["other", "merge", "SELECT client_ip FROM merge('{{clickhouseDb}}', '^http') LIMIT 50"],
  ["other", "system-processes", "SELECT query FROM system.processes", { extracts: false }],
]);
