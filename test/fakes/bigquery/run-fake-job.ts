import { randomUUID } from "node:crypto";
import { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue, StatementType, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { bigQueryFieldType } from "./bigquery-field-type.js";
import type { BigQueryField, FakeJob } from "./bigquery-fake-types.js";
import { translateBigQuerySql } from "./translate-bigquery-sql.js";

const statementTypes: Partial<Record<number, string>> = {
  [StatementType.SELECT]: "SELECT",
  [StatementType.INSERT]: "INSERT",
  [StatementType.UPDATE]: "UPDATE",
  [StatementType.DELETE]: "DELETE",
  [StatementType.CREATE]: "CREATE_TABLE",
  [StatementType.DROP]: "DROP_TABLE",
  [StatementType.ALTER]: "ALTER_TABLE",
};

export interface JobRequest {
  projectId: string;
  location: string;
  query: string;
  dryRun: boolean;
  maximumBytesBilled?: number;
  jobId?: string;
}

/** A BigQuery job error in the API's terms. */
export class FakeJobError extends Error {
  constructor(readonly code: number, readonly reason: string, message: string) {
    super(message);
  }
}

/**
 * Runs one job on the fake's DuckDB as BigQuery would: the statement type and
 * the bytes it would scan are known before it runs (bytes = rows × columns × 8
 * of every table the SQL names), a dry run stops there, a real run past
 * maximumBytesBilled fails, and anything else runs for real (writes included,
 * so tests can prove Skiff never sends one).
 */
export async function runFakeJob(connection: DuckDBConnection, request: JobRequest): Promise<FakeJob> {
  const sql = translateBigQuerySql(request.query);
  let extracted;
  try {
    extracted = await connection.extractStatements(sql);
  } catch (error) {
    throw new FakeJobError(400, "invalidQuery", `Syntax error: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (extracted.count !== 1) {
    // BigQuery runs scripts as a parent job; the fake keeps it simple and names the type.
    throw new FakeJobError(400, "invalidQuery", `Multi-statement scripts are not supported by this fake (${extracted.count} statements)`);
  }
  let prepared;
  try {
    prepared = await extracted.prepare(0);
  } catch (error) {
    throw new FakeJobError(400, "invalidQuery", error instanceof Error ? error.message : String(error));
  }
  const statementType = statementTypes[prepared.statementType] ?? StatementType[prepared.statementType] ?? "SCRIPT";
  const totalBytesProcessed = await estimateBytes(connection, sql);
  const job: FakeJob = {
    jobId: request.jobId ?? randomUUID(),
    projectId: request.projectId,
    location: request.location,
    query: request.query,
    statementType,
    totalBytesProcessed,
    dryRun: request.dryRun,
    schema: [],
    rows: [],
    created: Date.now(),
  };
  try {
    if (request.dryRun) {
      if (statementType === "SELECT") {
        const count = prepared.columnCount;
        const names = Array.from({ length: count }, (_, i) => prepared.columnName(i));
        job.schema = fields(names, names.map((_, i) => prepared.columnType(i).toString()));
      }
      return job;
    }
    if (request.maximumBytesBilled !== undefined && totalBytesProcessed > request.maximumBytesBilled) {
      job.error = { code: 400, reason: "bytesBilledLimitExceeded", message: `Query exceeded limit for bytes billed: ${request.maximumBytesBilled}. ${totalBytesProcessed} or higher required.` };
      return job;
    }
    const reader = await prepared.runAndReadAll();
    if (statementType === "SELECT") {
      job.schema = fields(reader.columnNames(), reader.columnTypes().map(String));
      job.rows = reader.getRows().map((row) => ({ f: row.map((value) => ({ v: restValue(value) })) }));
    }
    return job;
  } catch (error) {
    job.error = { code: 400, reason: "invalidQuery", message: error instanceof Error ? error.message : String(error) };
    return job;
  } finally {
    prepared.destroySync();
  }
}

function fields(names: readonly string[], types: readonly string[]): BigQueryField[] {
  return names.map((name, index) => ({ name, type: bigQueryFieldType(types[index] ?? "VARCHAR"), mode: "NULLABLE" }));
}

/** Values travel as strings; TIMESTAMP as microseconds since the epoch (formatOptions.useInt64Timestamp). */
function restValue(value: DuckDBValue): string | null {
  if (value === null) return null;
  if (value instanceof DuckDBTimestampValue) return value.micros.toString();
  if (value instanceof DuckDBDateValue || value instanceof DuckDBDecimalValue) return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

async function estimateBytes(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll("SELECT schema_name, table_name, estimated_size, column_count FROM duckdb_tables()");
  const plain = sql.replaceAll('"', "").toLowerCase();
  let bytes = 0;
  for (const [schema, table, rows, columns] of reader.getRows()) {
    if (plain.includes(`${String(schema)}.${String(table)}`.toLowerCase())) bytes += Number(rows) * Number(columns) * 8;
  }
  return bytes;
}
