import { clickhouseCorpus } from "./clickhouse-corpus.js";
import { duckdbCorpus } from "./duckdb-corpus.js";
import type { ExtractionCase } from "./extraction-case.js";
import { postgresCorpus } from "./postgres-corpus.js";

/** Every PII-extraction statement, DuckDB first, then Postgres, then ClickHouse. Ids are unique. */
export const extractionCorpus: readonly ExtractionCase[] = [...duckdbCorpus, ...postgresCorpus, ...clickhouseCorpus];
