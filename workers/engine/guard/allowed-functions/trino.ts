/**
 * Trino functions beyond the standard list (./standard.ts). Left off on purpose:
 * connector pass-through table functions (`TABLE(system.query(query => …))`
 * runs SQL the guard never saw), procedures and anything under `system.`, the
 * session (current_user, current_catalog, current_schema, current_groups),
 * version, and whole-row serializers.
 */
export const trinoAllowedFunctions: readonly string[] = [
  // aggregates
  "count_if", "min_by", "max_by", "arbitrary", "any_value", "approx_distinct", "approx_percentile", "approx_most_frequent", "listagg",
  "bool_and", "bool_or", "every", "bitwise_and_agg", "bitwise_or_agg", "histogram", "map_agg", "multimap_agg", "geometric_mean",
  "kurtosis", "skewness", "numeric_histogram", "regr_intercept", "regr_slope",
  // conditionals
  "if", "try",
  // math
  "truncate", "e", "random", "rand", "width_bucket", "infinity", "nan", "is_nan", "is_finite", "is_infinite", "from_base", "to_base",
  // strings
  "concat_ws", "split", "split_part", "split_to_map", "regexp_like", "regexp_extract", "regexp_extract_all", "regexp_split",
  "regexp_count", "regexp_position", "format", "chr", "codepoint", "levenshtein_distance", "hamming_distance", "normalize", "to_utf8",
  "from_utf8", "translate", "word_stem", "url_extract_host", "url_extract_path", "url_extract_parameter", "url_extract_protocol",
  "url_extract_query", "url_extract_fragment", "url_extract_port", "url_encode", "url_decode",
  // hashes and encodings
  "sha1", "sha512", "xxhash64", "crc32", "murmur3", "spooky_hash_v2_64", "to_hex", "from_hex", "hmac_sha256", "hmac_sha1", "to_base64",
  "from_base64",
  // dates and times
  "date_format", "date_parse", "format_datetime", "parse_datetime", "from_unixtime", "to_unixtime", "from_iso8601_timestamp",
  "from_iso8601_date", "to_iso8601", "year", "quarter", "month", "week", "week_of_year", "day", "day_of_week", "dow", "day_of_month",
  "day_of_year", "doy", "hour", "minute", "second", "millisecond", "year_of_week", "yow", "last_day_of_month", "at_timezone",
  "with_timezone", "human_readable_seconds", "to_milliseconds",
  // types and JSON on a column
  "typeof", "json_extract", "json_extract_scalar", "json_array_length", "json_array_get", "json_array_contains", "json_size",
  "json_parse", "json_format", "json_value", "json_query", "json_exists", "is_json_scalar",
  // arrays and maps
  "cardinality", "contains", "element_at", "array_distinct", "array_join", "array_max", "array_min", "array_position", "array_sort",
  "array_remove", "array_union", "array_intersect", "array_except", "arrays_overlap", "flatten", "filter", "transform", "reduce",
  "sequence", "slice", "zip", "unnest", "map", "map_keys", "map_values",
  // identifiers that carry no data
  "uuid",
];
