/**
 * ClickHouse functions beyond the standard list (./standard.ts) and
 * the aggregates (./clickhouse-aggregates.ts), in ClickHouse's spelling (matched
 * without case; none of the names left off collides with one here). Left off
 * on purpose: table functions that reach files, URLs, object stores or other
 * servers (file, url, s3, remote, cluster, mysql, postgresql, jdbc, input,
 * merge, …), dictionaries and Join tables (dictGet*, joinGet), the session and
 * the server (currentUser, currentDatabase, version, hostName, uptime,
 * timezone, getSetting, getMacro, globalVariable, queryID, shardNum, …),
 * catalog lookups (hasColumnInTable), models, sleeping, and throwIf.
 */
export const clickhouseAllowedFunctions: readonly string[] = [
  // conditionals and comparisons written as calls
  "if", "multiIf", "ifNull", "nullIf", "isNull", "isNotNull", "assumeNotNull", "toNullable", "isFinite", "isInfinite", "isNaN",
  "ifNotFinite", "equals", "notEquals", "less", "greater", "lessOrEquals", "greaterOrEquals", "and", "or", "not", "xor", "in", "notIn",
  // window functions
  "lagInFrame", "leadInFrame",
  // math
  "roundBankers", "roundDown", "roundToExp2", "truncate", "exp2", "exp10", "log1p", "intDiv", "intDivOrZero", "modulo", "moduloOrZero",
  "positiveModulo", "pmod", "divide", "multiply", "plus", "minus", "negate", "gcd", "lcm", "e", "rand", "rand64", "randCanonical",
  "bitAnd", "bitOr", "bitXor", "bitNot", "bitShiftLeft", "bitShiftRight", "bitCount",
  // strings
  "lowerUTF8", "upperUTF8", "lengthUTF8", "empty", "notEmpty", "substringUTF8", "mid", "leftUTF8", "rightUTF8", "trimLeft", "trimRight",
  "trimBoth", "concatWithSeparator", "concat_ws", "replaceAll", "replaceOne", "replaceRegexpAll", "replaceRegexpOne", "leftPad",
  "rightPad", "leftPadUTF8", "rightPadUTF8", "positionCaseInsensitive", "positionUTF8", "locate", "splitByChar", "splitByString",
  "splitByRegexp", "splitByWhitespace", "arrayStringConcat", "startsWith", "endsWith", "ends_with", "match", "extractAll",
  "extractGroups", "like", "ilike", "notLike", "notILike", "multiSearchAny", "multiMatchAny", "countSubstrings", "countMatches",
  "toValidUTF8", "base64Encode", "base64Decode", "tryBase64Decode", "hex", "unhex", "initcap", "initcapUTF8", "regexp_extract",
  "formatReadableSize", "formatReadableQuantity", "formatReadableTimeDelta",
  // parts of a URL or an address held in a column
  "domain", "domainWithoutWWW", "topLevelDomain", "firstSignificantSubdomain", "cutToFirstSignificantSubdomain", "protocol", "path",
  "pathFull", "queryString", "fragment", "extractURLParameter", "cutQueryString", "cutWWW", "toIPv4", "toIPv6", "toIPv4OrNull",
  "toIPv6OrNull", "IPv4NumToString", "IPv4StringToNum", "IPv6NumToString", "IPv6StringToNum", "isIPv4String", "isIPv6String",
  // dates and times
  "now64", "today", "yesterday", "toDate", "toDate32", "toDateTime", "toDateTime64", "toDateOrNull", "toDateOrZero", "toDateTimeOrNull",
  "toDateTimeOrZero", "parseDateTimeBestEffort", "parseDateTimeBestEffortOrNull", "parseDateTimeBestEffortOrZero", "parseDateTime",
  "parseDateTimeOrNull", "toStartOfMinute", "toStartOfFiveMinutes", "toStartOfFiveMinute", "toStartOfTenMinutes",
  "toStartOfFifteenMinutes", "toStartOfInterval", "toStartOfHour", "toStartOfDay", "toStartOfWeek", "toMonday", "toStartOfMonth",
  "toStartOfQuarter", "toStartOfYear", "toStartOfISOYear", "toLastDayOfMonth", "toLastDayOfWeek", "toYear", "toQuarter", "toMonth",
  "toWeek", "toISOWeek", "toISOYear", "toDayOfMonth", "toDayOfWeek", "toDayOfYear", "toHour", "toMinute", "toSecond", "toUnixTimestamp",
  "fromUnixTimestamp", "fromUnixTimestamp64Milli", "toUnixTimestamp64Milli", "toYYYYMM", "toYYYYMMDD", "toYYYYMMDDhhmmss",
  "toRelativeYearNum", "toRelativeQuarterNum", "toRelativeMonthNum", "toRelativeWeekNum", "toRelativeDayNum", "toRelativeHourNum",
  "toRelativeMinuteNum", "toRelativeSecondNum", "dateDiff", "datediff", "age", "dateAdd", "dateSub", "date_sub", "timestampAdd",
  "timestampSub", "addSeconds", "addMinutes", "addHours", "addDays", "addWeeks", "addMonths", "addQuarters", "addYears",
  "subtractSeconds", "subtractMinutes", "subtractHours", "subtractDays", "subtractWeeks", "subtractMonths", "subtractQuarters",
  "subtractYears", "toIntervalSecond", "toIntervalMinute", "toIntervalHour", "toIntervalDay", "toIntervalWeek", "toIntervalMonth",
  "toIntervalQuarter", "toIntervalYear", "formatDateTime", "dateTrunc", "timeSlot", "toTimeZone", "toTimezone", "monthName",
  "makeDate", "makeDateTime", "timestamp",
  // casts and types
  "toString", "toFixedString", "toInt8", "toInt16", "toInt32", "toInt64", "toInt128", "toInt256", "toUInt8", "toUInt16", "toUInt32",
  "toUInt64", "toUInt128", "toUInt256", "toFloat32", "toFloat64", "toDecimal32", "toDecimal64", "toDecimal128", "toDecimal256",
  "toInt8OrNull", "toInt16OrNull", "toInt32OrNull", "toInt64OrNull", "toUInt8OrNull", "toUInt16OrNull", "toUInt32OrNull",
  "toUInt64OrNull", "toFloat32OrNull", "toFloat64OrNull", "toDecimal32OrNull", "toDecimal64OrNull", "toDecimal128OrNull",
  "toInt8OrZero", "toInt16OrZero", "toInt32OrZero", "toInt64OrZero", "toUInt8OrZero", "toUInt16OrZero", "toUInt32OrZero",
  "toUInt64OrZero", "toFloat32OrZero", "toFloat64OrZero", "toDecimal32OrZero", "toDecimal64OrZero", "toDecimal128OrZero",
  "toInt32OrDefault", "toInt64OrDefault", "toUInt32OrDefault", "toUInt64OrDefault", "toFloat64OrDefault", "toStringCutToZero",
  "accurateCast", "accurateCastOrNull", "accurateCastOrDefault", "toBool", "toUUID", "toUUIDOrNull", "toTypeName", "toDecimalString",
  // JSON held in a column
  "JSONExtract", "JSONExtractString", "JSONExtractInt", "JSONExtractUInt", "JSONExtractFloat", "JSONExtractBool", "JSONExtractRaw",
  "JSONExtractArrayRaw", "JSONExtractKeys", "JSONExtractKeysAndValues", "JSONHas", "JSONLength", "JSONType", "JSON_VALUE", "JSON_QUERY",
  "JSON_EXISTS", "isValidJSON", "visitParamExtractString", "visitParamExtractInt", "visitParamExtractUInt", "visitParamExtractFloat",
  "visitParamExtractBool", "visitParamExtractRaw", "visitParamHas", "simpleJSONExtractString", "simpleJSONExtractInt",
  "simpleJSONExtractUInt", "simpleJSONExtractFloat", "simpleJSONExtractBool", "simpleJSONExtractRaw", "simpleJSONHas",
  // arrays, tuples and maps
  "array", "arrayJoin", "has", "hasAll", "hasAny", "indexOf", "arrayMap", "arrayFilter", "arrayExists", "arrayAll", "arrayFirst",
  "arrayFirstIndex", "arrayLast", "arrayCount", "arraySum", "arrayAvg", "arrayMin", "arrayMax", "arrayProduct", "arraySort",
  "arrayReverseSort", "arrayDistinct", "arrayUniq", "arrayConcat", "arrayElement", "arraySlice", "arrayEnumerate", "arrayEnumerateUniq",
  "arrayCompact", "arrayFlatten", "flatten", "arrayZip", "arrayPushBack", "arrayPushFront", "arrayPopBack", "arrayPopFront",
  "arrayReverse", "arrayResize", "arrayIntersect", "arrayCumSum", "arrayDifference", "arrayWithConstant", "emptyArrayString",
  "range", "tuple", "tupleElement", "untuple", "map", "mapKeys", "mapValues", "mapContains",
  // hashes of a value
  "cityHash64", "sipHash64", "sipHash128", "xxHash32", "xxHash64", "xxh3", "murmurHash2_32", "murmurHash2_64", "murmurHash3_32",
  "murmurHash3_64", "murmurHash3_128", "farmHash64", "farmFingerprint64", "halfMD5", "MD5", "SHA1", "SHA224", "SHA256", "SHA512",
  "intHash32", "intHash64", "javaHash", "hiveHash", "metroHash64", "jumpConsistentHash", "generateUUIDv4",
];
