import { DuckDBInstance, DuckDBTimestampValue, DuckDBDateValue, DuckDBDecimalValue, type DuckDBValue } from "@duckdb/node-api";
import { SkiffError } from "../../../shared/errors.js";

export type LakeCell = string | number | null;

/**
 * Streams a demo-lake table in batches of plain values (BIGINT as number,
 * TIMESTAMP as `YYYY-MM-DD HH:MM:SS` UTC, DATE as `YYYY-MM-DD`), so a loader
 * never holds the whole table.
 */
export async function readLakeBatches(path: string, sql: string, batchRows: number, onBatch: (rows: LakeCell[][]) => Promise<void>): Promise<number> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
  } catch (error) {
    throw new SkiffError("SOURCE_UNAVAILABLE", `could not open the demo lake ${path}; run skiff demo seed first`, { cause: error });
  }
  const connection = await instance.connect();
  let total = 0;
  try {
    const result = await connection.stream(sql);
    let batch: LakeCell[][] = [];
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRows()) {
        batch.push(row.map(lakeCell));
        if (batch.length >= batchRows) {
          total += batch.length;
          await onBatch(batch);
          batch = [];
        }
      }
    }
    if (batch.length > 0) {
      total += batch.length;
      await onBatch(batch);
    }
    return total;
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}

function lakeCell(value: DuckDBValue): LakeCell {
  if (value === null) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof DuckDBTimestampValue) return new Date(Number(value.micros / 1000n)).toISOString().slice(0, 19).replace("T", " ");
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  return String(value);
}
