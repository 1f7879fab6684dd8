/**
 * BigQuery functions beyond the standard list (./standard.ts); `SAFE.` may prefix
 * any of them. Left off on purpose: EXTERNAL_QUERY and other federated reads,
 * SESSION_USER, model, vector and object functions (ML.*, VECTOR_SEARCH,
 * OBJ.*), decryption and keys (AEAD.*, KEYS.*, DETERMINISTIC_DECRYPT_*),
 * change history (APPENDS, CHANGES), and whole-row serializers (TO_JSON,
 * TO_JSON_STRING), which would carry every column of a row past the PII mask.
 */
export const bigqueryAllowedFunctions: readonly string[] = [
  // aggregates
  "countif", "any_value", "approx_count_distinct", "approx_quantiles", "approx_top_count", "approx_top_sum", "logical_and", "logical_or",
  "bit_and", "bit_or", "bit_xor", "max_by", "min_by",
  "hll_count.init", "hll_count.merge", "hll_count.merge_partial", "hll_count.extract",
  // conditionals
  "if", "ifnull",
  // math
  "div", "safe_divide", "safe_multiply", "safe_add", "safe_subtract", "safe_negate", "ieee_divide", "is_inf", "is_nan", "rand",
  "range_bucket", "cot",
  // strings
  "byte_length", "instr", "ends_with", "contains_substr", "split", "regexp_contains", "regexp_extract", "regexp_extract_all",
  "regexp_instr", "regexp_substr", "format", "initcap", "translate", "normalize", "soundex", "ascii", "chr", "unicode",
  "code_points_to_string", "to_code_points", "safe_convert_bytes_to_string",
  // hashes and encodings
  "to_hex", "from_hex", "to_base64", "from_base64", "sha1", "sha512", "farm_fingerprint",
  // dates and times
  "current_datetime", "datetime", "time", "timestamp", "date_sub", "datetime_add", "datetime_sub", "datetime_diff", "datetime_trunc",
  "timestamp_add", "timestamp_sub", "timestamp_diff", "timestamp_trunc", "time_add", "time_sub", "time_diff", "time_trunc",
  "format_date", "format_datetime", "format_timestamp", "format_time", "parse_date", "parse_datetime", "parse_timestamp", "parse_time",
  "unix_date", "unix_seconds", "unix_millis", "unix_micros", "timestamp_seconds", "timestamp_millis", "timestamp_micros",
  "date_from_unix_date", "last_day", "generate_date_array", "generate_timestamp_array", "date_bucket", "datetime_bucket",
  "timestamp_bucket",
  // casts and JSON on a column
  "parse_numeric", "parse_bignumeric", "parse_json", "json_extract", "json_extract_scalar", "json_extract_array",
  "json_extract_string_array", "json_value", "json_query", "json_query_array", "json_value_array", "json_type", "string", "int64",
  "float64", "bool", "lax_string", "lax_int64", "lax_float64", "lax_bool",
  // arrays
  "array", "array_length", "array_concat", "array_reverse", "array_to_string", "unnest", "generate_array", "offset", "ordinal",
  "safe_offset", "safe_ordinal",
  // parts of a host name or an address held in a column
  "net.host", "net.reg_domain", "net.public_suffix", "net.ip_from_string", "net.safe_ip_from_string", "net.ip_to_string",
  "net.ip_net_mask", "net.ip_trunc", "net.ipv4_from_int64", "net.ipv4_to_int64",
  // identifiers that carry no data
  "generate_uuid",
];
