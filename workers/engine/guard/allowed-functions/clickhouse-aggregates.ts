/**
 * ClickHouse aggregate functions an analyst uses. Only these take combinator
 * suffixes (countIf, uniqExactIf, sumArray, quantileIf, avgMergeState …; see
 * ./index.ts), since a combinator over an aggregate is still an aggregate over
 * the rows read.
 */
export const clickhouseAggregateFunctions: readonly string[] = [
  "count", "sum", "avg", "min", "max", "any", "anyLast", "anyHeavy", "any_value", "first_value", "last_value", "argMax", "argMin",
  "uniq", "uniqExact", "uniqCombined", "uniqCombined64", "uniqHLL12", "uniqTheta", "uniqUpTo", "countDistinct",
  "quantile", "quantiles", "quantileExact", "quantilesExact", "quantileExactLow", "quantileExactHigh", "quantileExactWeighted",
  "quantilesExactWeighted", "quantileTDigest", "quantilesTDigest", "quantileTDigestWeighted", "quantileTiming", "quantilesTiming",
  "quantileTimingWeighted", "quantileDeterministic", "quantileBFloat16", "quantilesBFloat16", "median", "medianExact", "medianTDigest",
  "medianTiming", "medianDeterministic", "medianBFloat16",
  "groupArray", "groupUniqArray", "groupArrayInsertAt", "groupArrayMovingSum", "groupArrayMovingAvg", "groupArraySample", "groupConcat",
  "groupBitAnd", "groupBitOr", "groupBitXor", "topK", "topKWeighted", "sumWithOverflow", "sumKahan", "sumCount",
  "stddevPop", "stddevSamp", "varPop", "varSamp", "covarPop", "covarSamp", "corr", "skewPop", "skewSamp", "kurtPop", "kurtSamp",
  "stddev_pop", "stddev_samp", "var_pop", "var_samp", "covar_pop", "covar_samp", "stddev", "variance",
  "simpleLinearRegression", "histogram", "avgWeighted", "entropy", "boundingRatio", "deltaSum", "sumMap", "minMap", "maxMap",
  "windowFunnel", "retention", "sequenceMatch", "sequenceCount", "string_agg", "array_agg",
];
