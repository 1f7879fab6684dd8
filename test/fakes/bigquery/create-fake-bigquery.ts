import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { FakeJob, RecordedCall } from "./bigquery-fake-types.js";
import { FakeJobError, runFakeJob } from "./run-fake-job.js";
import { routeStorage } from "./route-storage.js";

export interface FakeBigQuery {
  /** Pass as the client's `apiEndpoint`. */
  url: string;
  projectId: string;
  calls: RecordedCall[];
  /** Set-up SQL straight on the backing DuckDB (datasets are schemas). */
  exec(sql: string): Promise<void>;
  /** Reads straight from the backing DuckDB (inspection). */
  rows(sql: string): Promise<unknown[][]>;
  /** Every response waits this long first (fan-out benchmarks, timeouts). */
  delayMs: number;
  /** While true every request answers 503, as an outage would. */
  down: boolean;
  close(): Promise<void>;
}

/**
 * A local fake of the BigQuery REST API v2, enough for `@google-cloud/bigquery`
 * pointed at it through `apiEndpoint`: jobs.query (dry runs too), jobs.insert,
 * jobs.get and jobs.getQueryResults with maxResults/pageToken paging, datasets
 * and tables (get, insert, delete) with tabledata.insertAll, and errors in
 * BigQuery's JSON shape. Queries run on an in-memory DuckDB (datasets are schemas).
 */
export async function createFakeBigQuery(options: { projectId?: string } = {}): Promise<FakeBigQuery> {
  const projectId = options.projectId ?? "skiff-test";
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const jobs = new Map<string, FakeJob>();
  const calls: RecordedCall[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const next = queue.then(() => work(connection));
    queue = next.catch(() => undefined);
    return next;
  };

  const fake: FakeBigQuery = {
    url: "",
    projectId,
    calls,
    delayMs: 0,
    down: false,
    exec: (sql) => serial(async (c) => void (await c.run(sql))),
    rows: (sql) => serial(async (c) => (await c.runAndReadAll(sql)).getRowsJson() as unknown[][]),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      connection.disconnectSync();
      instance.closeSync();
    },
  };

  const route = async (method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): Promise<[number, unknown]> => {
    const storage = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets(?:\/([^/]+)(?:\/tables(?:\/([^/]+)(\/insertAll)?)?)?)?$/.exec(path);
    if (storage) return serial((c) => routeStorage(c, method, storage[1] ?? projectId, storage[2], storage[3], storage[4] !== undefined, body));
    const match = /^\/bigquery\/v2\/projects\/([^/]+)\/(queries|jobs)(?:\/([^/]+))?(\/cancel)?$/.exec(path);
    if (!match) return [404, apiError(404, "notFound", `Not found: ${method} ${path}`)];
    const [, project = projectId, collection, jobId] = match;
    if (collection === "queries" && method === "POST" && jobId === undefined) {
      const job = await serial((c) =>
        runFakeJob(c, { projectId: project, location: str(body.location) ?? "US", query: str(body.query) ?? "", dryRun: body.dryRun === true, ...bytesLimit(body.maximumBytesBilled) }),
      );
      if (job.error) return [job.error.code, apiError(job.error.code, job.error.reason, job.error.message)];
      if (!job.dryRun) jobs.set(job.jobId, job);
      return [200, { kind: "bigquery#queryResponse", ...page(job, num(body.maxResults), undefined, body.formatOptions), ...(job.dryRun ? { statementType: job.statementType } : {}) }];
    }
    if (collection === "jobs" && method === "POST" && jobId === undefined) {
      const configuration = (body.configuration ?? {}) as Record<string, unknown>;
      const queryConfig = (configuration.query ?? {}) as Record<string, unknown>;
      const reference = (body.jobReference ?? {}) as Record<string, unknown>;
      const job = await serial((c) =>
        runFakeJob(c, {
          projectId: project,
          location: str(reference.location) ?? "US",
          query: str(queryConfig.query) ?? "",
          dryRun: configuration.dryRun === true,
          ...bytesLimit(queryConfig.maximumBytesBilled),
          ...(str(reference.jobId) ? { jobId: str(reference.jobId) } : {}),
        }),
      );
      if (!job.dryRun) jobs.set(job.jobId, job);
      return [200, jobResource(job, configuration)];
    }
    const job = jobId === undefined ? undefined : jobs.get(jobId);
    if (!job) return [404, apiError(404, "notFound", `Not found: Job ${project}:${jobId ?? ""}`)];
    if (collection === "jobs" && method === "GET") return [200, jobResource(job, {})];
    if (collection === "jobs" && method === "POST") return [200, { kind: "bigquery#jobCancelResponse", job: jobResource(job, {}) }];
    if (collection === "queries" && method === "GET") {
      if (job.error) return [job.error.code, apiError(job.error.code, job.error.reason, job.error.message)];
      const useInt64 = query.get("formatOptions.useInt64Timestamp") !== "false";
      return [200, { kind: "bigquery#getQueryResultsResponse", ...page(job, num(query.get("maxResults")), query.get("pageToken") ?? undefined, { useInt64Timestamp: useInt64 }) }];
    }
    return [405, apiError(405, "notAllowed", `${method} ${path} is not supported`)];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const text = await readBody(request);
    const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    calls.push({ method: request.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), body });
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    let status: number;
    let payload: unknown;
    if (fake.down) [status, payload] = [503, apiError(503, "backendError", "The service is currently unavailable.")];
    else {
      try {
        [status, payload] = await route(request.method ?? "GET", url.pathname, url.searchParams, body);
      } catch (error) {
        const code = error instanceof FakeJobError ? error.code : 500;
        [status, payload] = [code, apiError(code, error instanceof FakeJobError ? error.reason : "internalError", error instanceof Error ? error.message : String(error))];
      }
    }
    response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
    response.end(JSON.stringify(payload));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify(apiError(500, "internalError", String(error))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function page(job: FakeJob, maxResults: number | undefined, pageToken: string | undefined, formatOptions: unknown) {
  const start = pageToken === undefined ? 0 : Number(pageToken);
  const end = maxResults === undefined ? job.rows.length : Math.min(job.rows.length, start + maxResults);
  const useInt64 = (formatOptions as { useInt64Timestamp?: unknown } | undefined)?.useInt64Timestamp !== false;
  const timestampColumns = job.schema.flatMap((field, index) => (field.type === "TIMESTAMP" ? [index] : []));
  const rows = job.rows.slice(start, end).map((row) =>
    useInt64 || timestampColumns.length === 0 ? row : { f: row.f.map((cell, index) => (timestampColumns.includes(index) && cell.v !== null ? { v: String(Number(cell.v) / 1e6) } : cell)) },
  );
  return {
    schema: { fields: job.schema },
    jobReference: { projectId: job.projectId, jobId: job.jobId, location: job.location },
    totalRows: String(job.rows.length),
    ...(job.dryRun ? {} : { rows }),
    ...(end < job.rows.length ? { pageToken: String(end) } : {}),
    totalBytesProcessed: String(job.totalBytesProcessed),
    jobComplete: true,
    cacheHit: false,
  };
}

function jobResource(job: FakeJob, configuration: Record<string, unknown>) {
  const bytes = String(job.totalBytesProcessed);
  return {
    kind: "bigquery#job",
    id: `${job.projectId}:${job.location}.${job.jobId}`,
    jobReference: { projectId: job.projectId, jobId: job.jobId, location: job.location },
    configuration: { ...configuration, jobType: "QUERY" },
    status: job.error ? { state: "DONE", errorResult: { reason: job.error.reason, message: job.error.message }, errors: [{ reason: job.error.reason, message: job.error.message }] } : { state: "DONE" },
    statistics: {
      creationTime: String(job.created),
      ...(job.dryRun ? {} : { startTime: String(job.created), endTime: String(Date.now()) }),
      totalBytesProcessed: bytes,
      query: { statementType: job.statementType, totalBytesProcessed: bytes, ...(job.dryRun ? {} : { totalBytesBilled: bytes, cacheHit: false }) },
    },
  };
}

function apiError(code: number, reason: string, message: string) {
  const status = code === 404 ? "NOT_FOUND" : code === 503 ? "UNAVAILABLE" : code >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
  return { error: { code, message, errors: [{ message, domain: "global", reason }], status } };
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function bytesLimit(value: unknown): { maximumBytesBilled?: number } {
  const n = num(value);
  return n === undefined ? {} : { maximumBytesBilled: n };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}
