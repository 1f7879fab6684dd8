/**
 * Functions every dialect Skiff speaks may call: the SQL-standard aggregates,
 * window functions, conditionals, math, string and date functions. Each either
 * computes over the values the statement already reads or is unknown to an
 * engine (which then says so); none reads a file, a URL, a setting, a session,
 * another table or the query itself. Lower case; see ./index.ts for matching.
 */
export const standardSqlFunctions: readonly string[] = [
  // aggregates
  "count", "sum", "avg", "min", "max",
  "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr", "covar_pop", "covar_samp",
  "array_agg", "string_agg", "percentile_cont", "percentile_disc",
  // window functions
  "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
  // conditionals
  "coalesce", "nullif", "greatest", "least",
  // casts (ClickHouse's token check sees CAST as a call)
  "cast", "try_cast", "safe_cast",
  // math
  "abs", "ceil", "ceiling", "floor", "round", "trunc", "sqrt", "cbrt", "power", "pow", "exp", "ln", "log", "log10", "log2", "mod", "sign",
  "pi", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
  // strings
  "lower", "upper", "length", "char_length", "character_length", "octet_length", "substr", "substring", "trim", "ltrim", "rtrim",
  "concat", "replace", "reverse", "repeat", "lpad", "rpad", "left", "right", "position", "strpos", "starts_with", "regexp_replace",
  // hashes of a value
  "md5", "sha256",
  // dates and times
  "date_trunc", "date_part", "extract", "now", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
  "date", "date_add", "date_diff",
  // grammar the parser reads as calls: x = ANY(...), EXISTS (...), GROUP BY ROLLUP (...), ROW(...)
  "any", "all", "some", "exists", "grouping", "rollup", "cube", "row",
];
