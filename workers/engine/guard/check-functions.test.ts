import { describe, expect, it } from "vitest";
import { isSkiffError } from "../../../shared/errors.js";
import { lakeCatalog } from "../../../test/fixtures/lake-catalog.js";
import type { Dialect } from "../../sql/dialect.js";
import { guardSql } from "../guard-sql.js";

const catalog = lakeCatalog();

/** The rule that refused the statement and its message, or "admitted". */
function verdict(sql: string, dialect: Dialect, source = "analytics"): { rule: string; message: string } {
  try {
    guardSql({ sql, source, dialect, catalog });
    return { rule: "admitted", message: "" };
  } catch (error) {
    if (isSkiffError(error, "SQL_REJECTED")) return { rule: String(error.detail?.rule), message: error.message };
    throw error;
  }
}

const requests = "FROM analytics.http_requests";
// ClickHouse syntax the parser cannot read, so only the token checks decide.
const tokensOnly = `${requests} LIMIT 1 BY zone_id`;

/** The functions of the security review, per dialect, each as called. Every one is refused by the function rule. */
const reviewed: Record<Dialect, readonly string[]> = {
  postgres: [
    "pg_stat_get_activity(NULL)",
    "pg_show_all_settings()",
    "pg_hba_file_rules()",
    "pg_config()",
    "version()",
    "current_setting('data_directory')",
    "pg_read_file('/etc/passwd')",
    "pg_ls_dir('.')",
    "inet_server_addr()",
    "current_query()",
    "query_to_xml('select 1', true, true, '')",
    "dblink('dbname=other', 'select 1')",
    "lo_import('/etc/passwd')",
    "pg_catalog.pg_read_file('/etc/passwd')",
    "current_database()",
  ],
  duckdb: [
    "current_query()",
    "read_csv('/etc/passwd')",
    "read_parquet('s3://bucket/x.parquet')",
    "glob('/*')",
    "getenv('HOME')",
    "current_setting('threads')",
    "duckdb_settings()",
    "duckdb_tables()",
    "query('select 1')",
    "query_table('accounts.accounts')",
    "sql_auto_complete('sel')",
    "version()",
    "getvariable('x')",
  ],
  clickhouse: [
    "file('/etc/passwd')",
    "url('http://169.254.169.254/', CSV, 'a String')",
    "s3('https://bucket/x.csv')",
    "remote('other:9000', system.users)",
    "cluster('default', system.users)",
    "joinGet('j', 'v', 1)",
    "dictGet('d', 'v', toUInt64(1))",
    "currentUser()",
    "currentDatabase()",
    "version()",
    "hostName()",
    "getSetting('readonly')",
    "getMacro('shard')",
    "globalVariable('max_allowed_packet')",
    "input('a String')",
  ],
  bigquery: ["EXTERNAL_QUERY('conn', 'select 1')", "SESSION_USER()", "AEAD.DECRYPT_STRING(k, c, 'a')", "KEYS.NEW_KEYSET('AEAD_AES_GCM_256')", "VECTOR_SEARCH(t, 'c', q)"],
  trino: ["version()", "current_groups()", "query('select 1')", "system.sync_partition_metadata('s', 't', 'ADD')"],
};

const reviewCases = Object.entries(reviewed).flatMap(([dialect, calls]) => calls.map((call) => ({ dialect: dialect as Dialect, call })));

describe("the function allowlist refuses what the security review found", () => {
  it.each(reviewCases)("$dialect: $call in SELECT", ({ dialect, call }) => {
    const { rule, message } = verdict(`SELECT ${call}`, dialect);
    expect(rule).toBe("function");
    const name = call.slice(0, call.indexOf("("));
    expect(message.toLowerCase()).toContain(`${name.toLowerCase()}() is not on skiff's list of functions for ${dialect} sql`);
    expect(message).toContain("use plain functions over catalog tables");
  });

  it.each(reviewCases)("$dialect: $call deep in a subquery's WHERE", ({ dialect, call }) => {
    expect(verdict(`SELECT status ${requests} WHERE status IN (SELECT status ${requests} WHERE CAST(${call} AS VARCHAR) = 'x')`, dialect).rule).not.toBe("admitted");
  });

  it.each(reviewCases.filter(({ dialect }) => dialect !== "trino"))("$dialect: $call in FROM", ({ dialect, call }) => {
    expect(verdict(`SELECT * FROM ${call}`, dialect).rule).toBe("function");
  });

  it("postgres and duckdb: the session keywords the parser reads as columns", () => {
    for (const dialect of ["postgres", "duckdb"] as const) {
      for (const keyword of ["user", "current_role", "current_schema", "current_catalog"]) {
        const { rule, message } = verdict(`SELECT ${keyword}`, dialect);
        expect(rule).toBe("function");
        expect(message).toContain(`${keyword} reads the session`);
      }
      expect(verdict('SELECT "user" FROM analytics.http_requests', dialect).rule).toBe("admitted");
      expect(verdict("SELECT r.user FROM analytics.http_requests r", dialect).rule).toBe("admitted");
    }
    // The parser cannot read these at all, which refuses them too.
    for (const dialect of ["postgres", "trino"] as const) expect(verdict("SELECT current_user", dialect).rule).not.toBe("admitted");
  });

  it("postgres: a quoted name other than the folded one, or another schema's function, is not the listed function", () => {
    expect(verdict(`SELECT "LOWER"(status) ${requests}`, "postgres").rule).toBe("function");
    expect(verdict(`SELECT public.lower(status) ${requests}`, "postgres").rule).toBe("function");
    expect(verdict(`SELECT pg_catalog.lower(status), "lower"(status) ${requests}`, "postgres").rule).toBe("admitted");
  });

  it("duckdb: method syntax is checked by the method's name", () => {
    expect(verdict(`SELECT status.lower() ${requests}`, "duckdb").rule).toBe("admitted");
    expect(verdict("SELECT 'HOME'.getenv()", "duckdb").rule).toBe("function");
  });

  it("clickhouse: the token checks refuse the same calls where the parser cannot read the statement, quoted or qualified", () => {
    for (const call of reviewed.clickhouse) expect(verdict(`SELECT ${call} ${tokensOnly}`, "clickhouse").rule).toBe("function");
    expect(verdict(`SELECT \`file\`('/etc/passwd') ${tokensOnly}`, "clickhouse").rule).toBe("function");
    expect(verdict(`SELECT analytics.udf(status) ${tokensOnly}`, "clickhouse").rule).toBe("function");
    expect(verdict(`SELECT * APPLY(dictGet) ${tokensOnly}`, "clickhouse").rule).toBe("function");
    expect(verdict(`SELECT count() ${requests} WHERE kill(1) = 0 ${"LIMIT 1 BY zone_id"}`, "clickhouse").rule).toBe("function");
  });

  it("clickhouse: numbers() and system tables stay refused as tables the catalog does not hold", () => {
    expect(verdict("SELECT * FROM numbers(10)", "clickhouse").rule).toBe("unknown-table");
    expect(verdict("SELECT * FROM numbers(10) LIMIT 1 BY number", "clickhouse").rule).toBe("unknown-table");
    expect(verdict("SELECT query FROM system.query_log", "clickhouse").rule).toBe("unknown-table");
    expect(verdict(`SELECT * FROM system.processes LIMIT 1 BY query_id`, "clickhouse").rule).toBe("unknown-table");
  });

  it("table functions on the list are still not catalog tables", () => {
    expect(verdict("SELECT * FROM unnest(zone_ids)", "duckdb").rule).toBe("unknown-table");
    expect(verdict("SELECT * FROM generate_series(1, 3)", "postgres").rule).toBe("unknown-table");
  });

  it("the scratch database's combine statements use the duckdb list", () => {
    const combine = (sql: string) => {
      try {
        guardSql({ sql, dialect: "duckdb", allowedTables: ["top_zones"] });
        return "admitted";
      } catch (error) {
        return isSkiffError(error, "SQL_REJECTED") ? String(error.detail?.rule) : "threw";
      }
    };
    expect(combine("SELECT zone_id, row_number() OVER (ORDER BY requests DESC) AS rank, round(requests / 1e6, 1) FROM top_zones")).toBe("admitted");
    expect(combine("SELECT current_query() FROM top_zones")).toBe("function");
    expect(combine("SELECT * FROM top_zones, duckdb_tables()")).toBe("function");
  });
});

/** What analysts write, per dialect, one expression per statement so a refusal names its culprit. */
const analystExpressions: Record<Dialect, { from: string; source: string; expressions: readonly string[] }> = {
  duckdb: {
    from: requests,
    source: "analytics",
    expressions: [
      "count(*)", "count(DISTINCT zone_id)", "sum(sample_interval)", "avg(status)", "min(ts)", "max(ts)", "approx_count_distinct(zone_id)",
      "quantile_cont(status, 0.5)", "median(status)", "mode(status)", "string_agg(CAST(status AS VARCHAR), ',')", "group_concat(zone_id)",
      "list(status)", "array_agg(status)", "any_value(zone_id)", "arg_max(zone_id, ts)", "arg_min(zone_id, ts)", "count_if(status >= 500)",
      "stddev(status)", "variance(status)", "corr(status, zone_id)", "percentile_cont(0.9) WITHIN GROUP (ORDER BY status)",
      "row_number() OVER (ORDER BY ts)", "rank() OVER (PARTITION BY zone_id ORDER BY ts)", "dense_rank() OVER (ORDER BY ts)",
      "lag(status) OVER (ORDER BY ts)", "lead(status, 2) OVER (ORDER BY ts)", "first_value(status) OVER (ORDER BY ts)",
      "last_value(status) OVER (ORDER BY ts)", "ntile(4) OVER (ORDER BY ts)",
      "coalesce(status, 0)", "nullif(status, 0)", "ifnull(status, 0)", "if(status > 1, 1, 0)", "greatest(status, 1)", "least(status, 1)",
      "CASE WHEN status >= 500 THEN 'error' ELSE 'ok' END", "abs(status)", "round(status / 3, 2)", "floor(status / 100)", "ceil(status / 100)",
      "sqrt(status)", "pow(status, 2)", "power(status, 2)", "ln(status)", "log(status)", "exp(1)", "mod(status, 100)", "sign(status)",
      "trunc(status / 3)", "lower(client_ip)", "upper(client_ip)", "length(client_ip)", "substr(client_ip, 1, 3)", "substring(client_ip, 1, 3)",
      "trim(client_ip)", "ltrim(client_ip)", "rtrim(client_ip)", "concat(client_ip, '/32')", "replace(client_ip, '.', '-')",
      "split_part(client_ip, '.', 1)", "starts_with(client_ip, '10.')", "ends_with(client_ip, '.1')", "strpos(client_ip, '.')",
      "position('.' IN client_ip)", "left(client_ip, 3)", "right(client_ip, 3)", "regexp_matches(client_ip, '^10[.]')",
      "regexp_replace(client_ip, '[.]', '-')", "regexp_extract(client_ip, '^([0-9]+)', 1)", "date_trunc('day', ts)", "date_part('hour', ts)",
      "extract(hour FROM ts)", "now()", "current_date", "current_timestamp", "today()", "date_diff('day', ts, now())", "datediff('day', ts, now())",
      "date_add(ts, INTERVAL 1 DAY)", "ts - INTERVAL 7 DAY", "strftime(ts, '%Y-%m-%d')", "make_date(2026, 11, 30)", "epoch(ts)", "year(ts)",
      "CAST(status AS VARCHAR)", "status::BIGINT", "typeof(status)", "json_extract('{\"a\": 1}', '$.a')", "json_extract_string('{\"a\": 1}', '$.a')",
      "unnest(ARRAY[1, 2])", "array_length(ARRAY[1, 2])", "list_contains(ARRAY[1, 2], status)", "list_value(1, 2)", "md5(client_ip)", "sha256(client_ip)", "hash(client_ip)",
    ],
  },
  postgres: {
    from: "FROM accounts.accounts",
    source: "accounts",
    expressions: [
      "count(*)", "count(DISTINCT plan)", "sum(account_id)", "avg(account_id)", "min(created_at)", "max(created_at)", "string_agg(plan, ',' ORDER BY plan)",
      "array_agg(plan)", "bool_and(plan = 'pro')", "percentile_cont(0.5) WITHIN GROUP (ORDER BY account_id)", "mode() WITHIN GROUP (ORDER BY plan)",
      "count(*) FILTER (WHERE plan = 'pro')", "stddev_samp(account_id)", "row_number() OVER (ORDER BY created_at)", "lag(plan) OVER (ORDER BY created_at)",
      "ntile(4) OVER (ORDER BY created_at)", "coalesce(plan, 'none')", "nullif(plan, '')", "greatest(account_id, 1)", "least(account_id, 1)",
      "abs(account_id)", "round(account_id / 3.0, 2)", "floor(account_id / 10)", "ceil(account_id / 10)", "sqrt(account_id)", "power(account_id, 2)",
      "ln(account_id)", "log(account_id)", "exp(1)", "mod(account_id, 7)", "sign(account_id)", "trunc(account_id / 3.0)", "lower(plan)", "upper(plan)",
      "length(plan)", "substr(plan, 1, 2)", "substring(plan, 1, 2)", "trim(plan)", "trim(both ' ' from plan)", "btrim(plan)", "concat(plan, '!')",
      "replace(plan, 'p', 'q')", "split_part(plan, '-', 1)", "starts_with(plan, 'p')", "strpos(plan, 'p')", "position('p' in plan)", "left(plan, 1)",
      "right(plan, 1)", "initcap(plan)", "regexp_replace(plan, 'p', 'q')", "date_trunc('month', created_at)", "date_part('dow', created_at)",
      "extract(epoch FROM created_at)", "now()", "current_date", "current_timestamp", "created_at - interval '7 days'", "age(now(), created_at)",
      "to_char(created_at, 'YYYY-MM')", "make_date(2026, 11, 30)", "to_timestamp(0)", "CAST(account_id AS text)", "account_id::numeric",
      "md5(plan)", "pg_typeof(plan)", "pg_catalog.lower(plan)", "date_bin('15 minutes', created_at, TIMESTAMP '2026-01-01')",
    ],
  },
  clickhouse: {
    from: requests,
    source: "analytics",
    expressions: [
      "count()", "count(DISTINCT zone_id)", "uniq(zone_id)", "uniqExact(zone_id)", "uniqCombined(zone_id)", "quantile(0.9)(status)",
      "quantiles(0.5, 0.9)(status)", "quantileExact(0.5)(status)", "median(status)", "groupArray(status)", "groupUniqArray(status)", "any(status)",
      "anyLast(status)", "argMax(zone_id, ts)", "argMin(zone_id, ts)", "countIf(status >= 500)", "sumIf(sample_interval, status >= 500)",
      "avgIf(status, status >= 500)", "uniqExactIf(zone_id, status >= 500)", "quantileIf(0.9)(status, status >= 500)", "sumArray([1, 2])",
      "groupArrayIf(status, status >= 500)", "topK(5)(zone_id)", "stddevPop(status)", "varSamp(status)", "corr(status, zone_id)",
      "row_number() OVER (ORDER BY ts)", "rank() OVER (ORDER BY ts)", "lagInFrame(status) OVER (ORDER BY ts)", "if(status >= 500, 1, 0)",
      "multiIf(status >= 500, 'error', status >= 400, 'client', 'ok')", "coalesce(status, 0)", "ifNull(status, 0)", "nullIf(status, 0)",
      "greatest(status, 1)", "abs(status)", "round(status / 3, 2)", "floor(status / 100)", "intDiv(status, 100)", "sqrt(status)", "pow(status, 2)",
      "lower(client_ip)", "upper(client_ip)", "length(client_ip)", "substring(client_ip, 1, 3)", "trim(client_ip)", "concat(client_ip, '/32')",
      "replaceAll(client_ip, '.', '-')", "startsWith(client_ip, '10.')", "endsWith(client_ip, '.1')", "position(client_ip, '.')",
      "splitByChar('.', client_ip)", "match(client_ip, '^10')", "extract(client_ip, '^[0-9]+')", "toStartOfDay(ts)", "toStartOfHour(ts)",
      "toStartOfWeek(ts)", "toMonday(ts)", "toStartOfMonth(ts)", "toStartOfQuarter(ts)", "toStartOfYear(ts)", "toDate(ts)",
      "toDateTime('2026-11-30 00:00:00', 'UTC')", "toYYYYMM(ts)", "toYYYYMMDD(ts)", "toHour(ts)", "toDayOfWeek(ts)", "dateDiff('day', ts, now())",
      "date_diff('day', ts, now())", "date_trunc('hour', ts)", "now()", "today()", "yesterday()", "ts - INTERVAL 7 DAY", "addDays(ts, 1)",
      "formatDateTime(ts, '%F')", "EXTRACT(DAY FROM ts)", "toString(status)", "toInt32(status)", "toInt64(status)", "toUInt8(status)",
      "toFloat64(status)", "toDecimal64(status, 2)", "CAST(status AS String)", "CAST(status AS Nullable(String))", "CAST(status AS Decimal(10, 2))",
      "toTypeName(status)", "JSONExtractString('{\"a\": \"b\"}', 'a')", "JSONExtract('{\"a\": 1}', 'a', 'Int64')", "arrayJoin([1, 2])", "has([1, 2], status)",
      "arrayMap(x -> x * 2, [1, 2])", "cityHash64(zone_id)", "sipHash64(zone_id)", "MD5(client_ip)", "SHA256(client_ip)",
    ],
  },
  bigquery: {
    from: "FROM billing.usage_daily",
    source: "billing",
    expressions: [
      "count(*)", "COUNT(DISTINCT account_id)", "SUM(cost_usd)", "AVG(cost_usd)", "COUNTIF(cost_usd > 1)", "APPROX_COUNT_DISTINCT(account_id)",
      "APPROX_QUANTILES(cost_usd, 100)[OFFSET(50)]", "STRING_AGG(CAST(account_id AS STRING), ',')", "ARRAY_AGG(account_id)", "ANY_VALUE(account_id)",
      "LOGICAL_AND(cost_usd > 0)", "ROW_NUMBER() OVER (ORDER BY usage_date)", "PERCENT_RANK() OVER (ORDER BY usage_date)", "CUME_DIST() OVER (ORDER BY usage_date)", "LAG(cost_usd) OVER (ORDER BY usage_date)", "IF(cost_usd > 1, 1, 0)",
      "IFNULL(cost_usd, 0)", "COALESCE(cost_usd, 0)", "NULLIF(cost_usd, 0)", "SAFE_DIVIDE(cost_usd, 2)", "ROUND(cost_usd, 2)", "FLOOR(cost_usd)",
      "ABS(cost_usd)", "SAFE.LOG(cost_usd)", "LOWER(CAST(account_id AS STRING))", "CONCAT('a', 'b')", "STARTS_WITH('ab', 'a')", "REGEXP_CONTAINS('ab', 'a')",
      "DATE_TRUNC(usage_date, MONTH)", "TIMESTAMP_TRUNC(CURRENT_TIMESTAMP(), DAY)", "DATE_DIFF(usage_date, DATE '2026-01-01', DAY)",
      "DATE_ADD(usage_date, INTERVAL 1 DAY)", "FORMAT_TIMESTAMP('%F', CURRENT_TIMESTAMP())", "FORMAT_DATE('%Y-%m', usage_date)", "CURRENT_DATE()",
      "EXTRACT(DAY FROM usage_date)", "SAFE_CAST(cost_usd AS INT64)", "CAST(cost_usd AS STRING)", "JSON_VALUE('{\"a\": 1}', '$.a')",
      "NET.HOST('https://example.com/x')", "TO_HEX(SHA256('a'))", "FARM_FINGERPRINT('a')",
    ],
  },
  trino: {
    from: requests,
    source: "analytics",
    expressions: [
      "count(*)", "count(DISTINCT zone_id)", "approx_distinct(zone_id)", "approx_percentile(status, 0.5)", "count_if(status >= 500)", "max_by(zone_id, ts)",
      "arbitrary(zone_id)", "row_number() OVER (ORDER BY ts)", "percent_rank() OVER (ORDER BY ts)", "cume_dist() OVER (ORDER BY ts)", "if(status >= 500, 1, 0)", "coalesce(status, 0)", "round(status / 3.0, 2)",
      "lower(client_ip)", "split_part(client_ip, '.', 1)", "regexp_like(client_ip, '^10')", "date_trunc('day', ts)", "date_diff('day', ts, now())",
      "date_add('day', 1, ts)", "date_format(ts, '%Y-%m-%d')", "current_timestamp", "now()", "year(ts)", "try_cast(status AS varchar)", "typeof(status)",
      "json_extract_scalar('{\"a\": 1}', '$.a')", "cardinality(ARRAY[1, 2])", "to_hex(md5(to_utf8(client_ip)))",
    ],
  },
};

const analystCases = Object.entries(analystExpressions).flatMap(([dialect, { from, source, expressions }]) =>
  expressions.map((expression) => ({ dialect: dialect as Dialect, sql: `SELECT ${expression} ${from}`, source })),
);

describe("the function allowlist admits what analysts write", () => {
  it.each(analystCases)("$dialect: $sql", ({ dialect, sql, source }) => {
    expect(verdict(sql, dialect, source)).toEqual({ rule: "admitted", message: "" });
  });
});

describe("DuckDB value multipliers", () => {
  it("refuses functions that build values far larger than their input, which DuckDB's memory_limit does not bound", () => {
    for (const sql of ["SELECT range(500000) FROM analytics.http_requests", "SELECT generate_series(1, 500000) FROM analytics.http_requests", "SELECT repeat('x', 5000000) FROM analytics.http_requests"]) {
      expect(verdict(sql, "duckdb").rule, sql).toBe("function");
    }
    expect(verdict("SELECT repeat('x', 3) FROM analytics.http_requests", "postgres").rule).not.toBe("function");
  });
});
