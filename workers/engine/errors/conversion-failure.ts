import type { SkiffError } from "../../../shared/errors.js";
import type { Dialect } from "../../sql/dialect.js";

/** Postgres data exceptions whose text quotes the offending value (invalid_text_representation, numeric_value_out_of_range, datetime formats, casts, encodings, SQL/JSON), and RAISE. */
const postgresCodes = /^(?:22P02|22003|22007|22008|22018|22021|22P05|22025|2203[0-9A-F]|P0001)$/;
/** ClickHouse: CANNOT_PARSE_TEXT, _ESCAPE_SEQUENCE, _QUOTED_STRING, _INPUT_ASSERTION_FAILED, _DATE, _DATETIME, ARGUMENT_OUT_OF_BOUND, CANNOT_CONVERT_TYPE, CANNOT_PARSE_NUMBER, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE, CANNOT_PARSE_UUID, throwIf, DECIMAL_OVERFLOW. */
const clickHouseCodes = new Set(["6", "25", "26", "27", "38", "41", "69", "70", "72", "321", "376", "395", "407"]);
const clickHouseNames = /\b(?:CANNOT_PARSE_\w+|CANNOT_CONVERT_TYPE|VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE|FUNCTION_THROW_IF_VALUE_IS_NON_ZERO|DECIMAL_OVERFLOW)\b/;
const duckDbClass = /\b(Conversion|Invalid Input|Out of Range) Error:/;
const bigQueryText = /\bBad (?:int64|double|numeric|bignumeric|bool) value\b|\bCould not cast\b|\bInvalid (?:date|datetime|timestamp|time)(?: string)?\b/i;

type Failure = "convert" | "range" | "parse" | "raised";

/** What kind of value failure an engine error is, if it is one at all. */
function classify(error: SkiffError, text: string): Failure | undefined {
  const cause = error.cause as { code?: unknown; type?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === "string" || typeof cause?.code === "number" ? String(cause.code) : undefined;
  if (code !== undefined && postgresCodes.test(code)) return code === "22003" ? "range" : code === "P0001" ? "raised" : "convert";
  const clickHouseCode = /\bCode: (\d+)/.exec(text)?.[1] ?? (code !== undefined && /^\d+$/.test(code) ? code : undefined);
  if ((clickHouseCode !== undefined && clickHouseCodes.has(clickHouseCode)) || clickHouseNames.test(text) || (typeof cause?.type === "string" && clickHouseNames.test(cause.type))) {
    if (clickHouseCode === "395" || /FUNCTION_THROW_IF/.test(text)) return "raised";
    return clickHouseCode === "69" || clickHouseCode === "321" || clickHouseCode === "407" ? "range" : "convert";
  }
  const duck = duckDbClass.exec(text)?.[1];
  if (duck === "Conversion") return "convert";
  if (duck === "Out of Range") return "range";
  if (duck === "Invalid Input") return /\bparse\b|format specifier/i.test(text) ? "parse" : "raised";
  if (bigQueryText.test(text)) return /out of range|overflow/i.test(text) ? "range" : "convert";
  return undefined;
}

const duckDbTypeNames: Readonly<Record<string, string>> = { INT8: "TINYINT", INT16: "SMALLINT", INT32: "INTEGER", INT64: "BIGINT", INT128: "HUGEINT", BOOL: "BOOLEAN" };
const sqlType = (raw: string) => duckDbTypeNames[raw.toUpperCase()] ?? raw.toUpperCase();
const clickHouseType = (raw: string) => ({ datetime: "DateTime", date: "Date", uuid: "UUID" })[raw.toLowerCase()] ?? raw;

/** Where each engine names the target type, and how Skiff writes it back (the engine's own spelling, DuckDB's internal names made SQL). */
const typeReadings: ReadonlyArray<readonly [RegExp, (raw: string) => string]> = [
  [/\b(?:to|destination type) ([A-Z][A-Z0-9_]*(?:\(\d+(?:, ?\d+)?\))?)(?= when| because|\s*$)/m, sqlType],
  [/\binvalid (date|timestamp|time|interval) field format\b/i, sqlType],
  [/\bfor type ([a-z][a-z0-9 ]{0,40}?)(?::|$)/m, sqlType],
  [/\bCannot parse (?:string|input) \S+ as ([A-Z][A-Za-z0-9]{1,30})\b/, clickHouseType],
  [/\bCannot parse (datetime|date|uuid)\b/i, clickHouseType],
  [/\bBad (int64|double|numeric|bignumeric|bool) value\b/i, sqlType],
];

/** The target type, read from text whose quoted values are already gone, and only where it is written as a type name. */
function targetType(text: string): string | undefined {
  for (const [pattern, spell] of typeReadings) {
    const raw = pattern.exec(text)?.[1];
    if (raw !== undefined) return spell(raw);
  }
  return undefined;
}

function family(type: string): "number" | "time" | "boolean" | "other" {
  if (/INT|DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|PRECISION/i.test(type)) return "number";
  if (/DATE|TIME|INTERVAL/i.test(type)) return "time";
  if (/^BOOL/i.test(type)) return "boolean";
  return "other";
}

/** How to get NULL instead of a failure, per dialect. */
function lenientCast(dialect: Dialect | undefined, type: string | undefined): string {
  switch (dialect) {
    case "duckdb":
      return "TRY_CAST gives NULL where a value does not convert";
    case "clickhouse":
      return `the …OrNull functions (${type && /^[A-Za-z][A-Za-z0-9]*$/.test(type) ? `to${type}OrNull` : "toInt32OrNull"}) give NULL where a value does not convert`;
    case "bigquery":
      return "SAFE_CAST gives NULL where a value does not convert";
    case "postgres":
      return "filter out the rows that do not fit before casting";
    default:
      return "filter out the rows that do not fit before casting";
  }
}

/**
 * The plain reason for a conversion failure (a cast, a parse, a range, error() or throwIf on a value),
 * or undefined when the error is not one. The engine's own text quotes the value that failed, so it is
 * never passed on: the reason names the type and what to change, never the value.
 */
export function conversionFailure(error: SkiffError, text: string, dialect?: Dialect): string | undefined {
  const kind = classify(error, text);
  if (kind === undefined) return undefined;
  const type = targetType(text);
  if (kind === "raised") {
    return "the statement raised an error built from a value in the data (error(), throwIf or RAISE); the value is not shown: remove the call or check its condition against the column's values";
  }
  if (kind === "parse") {
    return "a value in the data could not be parsed with the format the statement gives; the value is not shown: check the format against the column's values (describe shows common values)";
  }
  if (kind === "range") {
    return `a value in the data is out of range for ${type ?? "the type the statement asks for"}; the value is not shown: cast to a wider type (BIGINT, DOUBLE) or filter the outliers`;
  }
  const holds = { number: "numbers", time: "dates or times in a format the engine reads", boolean: "true/false values", other: `${type ?? "matching"} values` }[type ? family(type) : "other"];
  const target = type ?? "the type the statement asks for";
  return `a value in the data could not be converted to ${target}; the value is not shown: cast only columns that hold ${holds} (${lenientCast(dialect, type)})`;
}
