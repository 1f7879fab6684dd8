/**
 * DuckDB functions beyond the standard list (./standard.ts). Left off on purpose:
 * everything that reads files or URLs (read_*, glob, parquet_*, *_scan),
 * other databases, settings and variables (current_setting, getvariable,
 * getenv), the catalog (duckdb_*, pragma_*), the session (current_user,
 * current_database, current_schema, version) and the query text
 * (current_query), SQL run from a string (query, query_table), and sequences.
 * The scratch database's combine statements are checked against this list too.
 */
export const duckdbAllowedFunctions: readonly string[] = [
  // aggregates
  "mean", "first", "last", "any_value", "arbitrary", "arg_max", "arg_min", "argmax", "argmin", "max_by", "min_by",
  "approx_count_distinct", "approx_quantile", "approx_top_k", "reservoir_quantile", "quantile", "quantile_cont", "quantile_disc", "median", "mode",
  "group_concat", "listagg", "list", "histogram", "bool_and", "bool_or", "bit_and", "bit_or", "bit_xor", "count_if", "countif", "count_star",
  "product", "fsum", "favg", "sumkahan", "kahan_sum", "entropy", "kurtosis", "kurtosis_pop", "skewness", "mad",
  "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
  // conditionals
  "ifnull", "if",
  // math
  "round_even", "fmod", "signbit", "cot", "gcd", "lcm", "greatest_common_divisor", "least_common_multiple", "factorial", "even",
  "isnan", "isinf", "isfinite", "random", "gamma", "lgamma", "bit_count", "xor", "nextafter",
  // strings
  "lcase", "ucase", "len", "strlen", "bit_length", "concat_ws", "contains", "ends_with", "suffix", "prefix", "instr", "split_part",
  "string_split", "str_split", "string_split_regex", "str_split_regex", "string_to_array", "array_to_string",
  "regexp_matches", "regexp_extract", "regexp_extract_all", "regexp_full_match", "regexp_split_to_array", "regexp_escape",
  "like_escape", "ilike_escape", "translate", "ascii", "chr", "ord", "unicode", "format", "printf",
  "levenshtein", "damerau_levenshtein", "editdist3", "jaccard", "jaro_similarity", "jaro_winkler_similarity", "hamming", "mismatches",
  "strip_accents", "nfc_normalize", "left_grapheme", "right_grapheme", "substring_grapheme", "length_grapheme", "url_encode", "url_decode",
  // hashes and encodings
  "sha1", "md5_number", "hash", "to_base64", "from_base64", "base64", "encode", "decode", "hex", "unhex", "to_hex", "from_hex", "bin",
  // dates and times
  "datetrunc", "datepart", "datediff", "date_sub", "datesub", "age", "today", "get_current_timestamp", "get_current_time",
  "current_localtime", "current_localtimestamp", "transaction_timestamp", "strftime", "strptime", "try_strptime",
  "make_date", "make_time", "make_timestamp", "make_timestamptz", "epoch", "epoch_ms", "epoch_us", "epoch_ns", "to_timestamp",
  "to_days", "to_hours", "to_minutes", "to_seconds", "to_milliseconds", "to_microseconds", "to_weeks", "to_months", "to_quarters", "to_years",
  "year", "month", "day", "dayofmonth", "dayofweek", "dayofyear", "dayname", "monthname", "hour", "minute", "second", "millisecond",
  "microsecond", "week", "weekofyear", "weekday", "isodow", "isoyear", "yearweek", "quarter", "last_day", "time_bucket", "timezone",
  "timezone_hour", "timezone_minute", "century", "decade", "millennium", "era", "julian",
  // types and JSON on a column
  "typeof", "json", "json_extract", "json_extract_string", "json_extract_path", "json_extract_path_text", "json_value", "json_exists",
  "json_type", "json_array_length", "json_keys", "json_valid", "json_contains",
  // lists, structs and maps
  "unnest", "list_value", "list_pack", "array_value", "array_length", "list_contains", "list_has", "array_contains", "array_has",
  "list_has_any", "list_has_all", "array_has_any", "array_has_all", "list_extract", "array_extract", "list_element", "list_position",
  "array_position", "list_distinct", "array_distinct", "list_sort", "array_sort", "list_reverse_sort", "array_reverse_sort", "list_slice",
  "array_slice", "list_concat", "array_concat", "list_cat", "array_cat", "flatten", "list_unique", "array_unique", "list_transform",
  "array_transform", "list_apply", "array_apply", "apply", "list_filter", "array_filter", "filter", "list_reduce", "array_reduce", "reduce",
  "list_sum", "list_avg", "list_min", "list_max", "list_count", "struct_pack", "struct_extract", "map",
  "map_extract", "element_at", "cardinality", "map_keys", "map_values",
  // identifiers that carry no data
  "uuid", "gen_random_uuid",
];
