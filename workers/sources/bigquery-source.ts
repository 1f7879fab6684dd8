import { BigQuery } from "@google-cloud/bigquery";
import type { Source } from "../../catalog/model/source-schema.js";
import { SkiffError } from "../../shared/errors.js";
import type { Cell, QueryResult } from "../../shared/query-result.js";
import { bigQueryCell } from "./bigquery/bigquery-cell.js";
import { bigQueryConnection } from "./bigquery/bigquery-connection.js";
import { bigQueryError } from "./bigquery/bigquery-error.js";
import { createResultBudget } from "./limits/create-result-budget.js";
import { oneStatementAtSource } from "./one-statement-at-source.js";
import { queryCancelled, queryTimedOut } from "./source-errors.js";
import { answerSelectOne } from "./answer-select-one.js";
import type { QueryOptions, SourceAdapter } from "./source-adapter.js";

export interface BigQuerySourceOptions {
  /** The catalog entry (kind `bigquery`); `limits.maxBytes` caps the bytes one statement may scan. */
  source: Source;
  env: Readonly<Record<string, string>>;
}

/** Bytes one statement may scan when the catalog sets no `limits.maxBytes`: 10 GB. */
export const defaultBigQueryMaxBytes = 10_000_000_000;
const pageSize = 10_000;
/** Rows the first page asks for, before any row's width is known. */
const firstPage = 1_000;
/** About how many bytes one page may bring, judged by the widest row so far (BigQuery itself caps a page near 10 MB). */
const pageBytes = 4 * 1024 * 1024;

interface RestRow {
  f: Array<{ v: unknown }>;
}
interface SchemaField {
  name: string;
  type: string;
}
interface JobMetadata {
  statistics?: { totalBytesProcessed?: string; query?: { statementType?: string; totalBytesProcessed?: string } };
}
interface QueryResultsResponse {
  schema?: { fields?: SchemaField[] };
  pageToken?: string;
  totalBytesProcessed?: string;
}

/**
 * A {@link SourceAdapter} over BigQuery. Engine-side guard: a dry run first —
 * only SELECT statement types pass, and the estimated bytes are checked
 * against the source's limit — then the job runs with `maximumBytesBilled` and
 * `jobTimeoutMs`, and results are read page by page (pages sized to stay a few
 * MB), each cell cut to the cell cap, up to the row and byte caps. The bytes
 * processed come back on the result for the run record.
 */
export function createBigQuerySource(options: BigQuerySourceOptions): SourceAdapter {
  const { source } = options;
  if (source.kind !== "bigquery") throw new SkiffError("CONFIG_INVALID", `source ${source.name} is kind ${source.kind}; a BigQuery adapter only serves kind bigquery`);
  const { location, ...clientOptions } = bigQueryConnection(source, options.env);
  const client = new BigQuery(clientOptions);
  const maxBytes = source.limits.maxBytes ?? defaultBigQueryMaxBytes;
  let closed = false;

  const query = async (sql: string, queryOptions: QueryOptions): Promise<QueryResult> => {
    const started = performance.now();
    const statement = oneStatementAtSource(sql, source.name);
    if (closed) throw new SkiffError("SOURCE_UNAVAILABLE", `source ${source.name} is closed`, { retryable: false });
    const deadline = Date.now() + queryOptions.timeoutMs;
    const check = () => {
      if (queryOptions.signal?.aborted) throw queryCancelled(source.name, queryOptions.signal);
      if (Date.now() > deadline) throw queryTimedOut(source.name, queryOptions.timeoutMs);
    };
    const base = { query: statement, useLegacySql: false, ...(location ? { location } : {}) };
    try {
      check();
      const [, dryRun] = (await withDeadline(client.createQueryJob({ ...base, dryRun: true }), deadline, source.name, queryOptions)) as [unknown, JobMetadata];
      const statementType = dryRun.statistics?.query?.statementType ?? "UNKNOWN";
      if (statementType !== "SELECT") {
        throw new SkiffError("SQL_REJECTED", `rejected (engine-read-only): ${source.name}'s dry run says this is a ${statementType} statement; send a SELECT that only reads`, {
          detail: { rule: "engine-read-only", source: source.name, statementType },
        });
      }
      const estimate = Number(dryRun.statistics?.query?.totalBytesProcessed ?? dryRun.statistics?.totalBytesProcessed ?? "0");
      if (estimate > maxBytes) {
        throw new SkiffError(
          "TOO_EXPENSIVE",
          `${source.name} would scan about ${formatBytes(estimate)} for this query, over its limit of ${formatBytes(maxBytes)}; narrow it (fewer columns, a shorter date range on a partitioned column)`,
          { detail: { source: source.name, estimatedBytes: estimate, maxBytes } },
        );
      }
      check();
      const remaining = Math.max(1, deadline - Date.now());
      const [job] = await withDeadline(
        client.createQueryJob({ ...base, maximumBytesBilled: String(maxBytes), jobTimeoutMs: remaining }),
        deadline,
        source.name,
        queryOptions,
      );
      const budget = createResultBudget(queryOptions);
      const rows: Cell[][] = [];
      let fields: SchemaField[] = [];
      let pageToken: string | undefined;
      let bytesProcessed: number | undefined;
      let truncated = false;
      let widest = 0;
      while (!truncated) {
        check();
        const byWidth = widest === 0 ? firstPage : Math.max(1, Math.floor(pageBytes / widest));
        const maxResults = Math.min(pageSize, byWidth, queryOptions.maxRows + 1 - rows.length);
        const [page, , response] = (await withDeadline(
          job.getQueryResults({ maxResults, autoPaginate: false, skipParsing: true, timeoutMs: Math.max(1, deadline - Date.now()), ...(pageToken ? { pageToken } : {}) } as never),
          deadline,
          source.name,
          queryOptions,
        )) as unknown as [RestRow[], unknown, QueryResultsResponse];
        fields = response.schema?.fields ?? fields;
        if (response.totalBytesProcessed !== undefined) bytesProcessed = Number(response.totalBytesProcessed);
        for (const row of page) {
          widest = Math.max(widest, rowWidth(row));
          if (rows.length === queryOptions.maxRows) {
            truncated = true;
            break;
          }
          const cells = row.f.map((cell, index) => budget.cell(bigQueryCell(cell.v, fields[index]?.type ?? "STRING")));
          if (!budget.admit(cells)) {
            truncated = true;
            break;
          }
          rows.push(cells);
        }
        pageToken = response.pageToken;
        if (!pageToken) break;
      }
      return {
        columns: fields.map((field) => ({ name: field.name, type: field.type })),
        rows,
        rowCount: rows.length,
        truncated: truncated || budget.truncated,
        ms: Math.round(performance.now() - started),
        ...(bytesProcessed === undefined ? {} : { bytesProcessed }),
      };
    } catch (error) {
      throw bigQueryError(error, source.name, queryOptions.timeoutMs);
    }
  };

  return {
    name: source.name,
    kind: "bigquery",
    dialect: "bigquery",
    query,
    healthCheck: () => answerSelectOne(source.name, query, 10_000),
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}

/** The client has no cancel for an HTTP call in flight; the wait stops at the deadline and the job's own jobTimeoutMs ends it server-side. */
async function withDeadline<T>(work: Promise<T>, deadline: number, source: string, options: QueryOptions): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(queryTimedOut(source, options.timeoutMs)), Math.max(0, deadline - Date.now()));
    onAbort = () => reject(queryCancelled(source, options.signal));
    options.signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener("abort", onAbort);
  }
}

/** A raw row's size, roughly: text by its length, anything else (numbers, records) a few bytes a field. */
function rowWidth(row: RestRow): number {
  let width = 0;
  for (const cell of row.f) width += (typeof cell.v === "string" ? cell.v.length : 8) + 1;
  return width;
}

function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]} (${bytes.toLocaleString("en-US")} bytes)`;
}
