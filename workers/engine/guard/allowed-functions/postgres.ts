/**
 * Postgres functions beyond the standard list (./standard.ts). Left off on purpose:
 * the pg_* family (server files, activity and settings views, backend control,
 * sizes of other relations), current_setting and set_config, version,
 * inet_server_addr and friends, the session (current_user, current_database,
 * current_schema), privilege and catalog lookups (has_*_privilege, to_regclass,
 * obj_description), large objects, dblink, sequences, and functions that run SQL
 * handed to them as text (query_to_xml, ts_stat, crosstab). `pg_catalog.` may
 * prefix any of these.
 */
export const postgresAllowedFunctions: readonly string[] = [
  // aggregates
  "bool_and", "bool_or", "every", "bit_and", "bit_or", "bit_xor", "mode",
  "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
  // math
  "div", "gcd", "lcm", "factorial", "scale", "trim_scale", "min_scale", "width_bucket", "random", "cot",
  // strings
  "btrim", "concat_ws", "initcap", "translate", "ascii", "chr", "format", "split_part", "string_to_array", "array_to_string",
  "regexp_match", "regexp_matches", "regexp_split_to_array", "regexp_split_to_table", "regexp_count", "regexp_instr", "regexp_like",
  "regexp_substr", "bit_length", "normalize",
  // hashes and encodings
  "to_hex", "sha224", "sha384", "sha512", "encode", "decode", "convert_to", "convert_from",
  // dates and times
  "age", "date_bin", "to_char", "to_date", "to_number", "to_timestamp", "make_date", "make_time", "make_timestamp", "make_timestamptz",
  "make_interval", "justify_days", "justify_hours", "justify_interval", "isfinite", "clock_timestamp", "statement_timestamp",
  "transaction_timestamp", "timeofday", "timezone", "date_subtract",
  // JSON on a column
  "json_extract_path", "json_extract_path_text", "jsonb_extract_path", "jsonb_extract_path_text", "json_array_length", "jsonb_array_length",
  "json_typeof", "jsonb_typeof", "jsonb_path_query_first", "jsonb_path_exists", "jsonb_path_match", "json_array_elements",
  "jsonb_array_elements", "json_array_elements_text", "jsonb_array_elements_text", "json_object_keys", "jsonb_object_keys",
  "json_each", "jsonb_each", "json_each_text", "jsonb_each_text",
  // arrays
  "array_length", "cardinality", "array_position", "array_positions", "array_remove", "array_replace", "array_append", "array_prepend",
  "array_cat", "array_upper", "array_lower", "array_ndims", "array_dims", "unnest", "generate_series", "generate_subscripts",
  // values and their types
  "pg_typeof", "pg_size_pretty", "num_nulls", "num_nonnulls", "gen_random_uuid",
];
