import { z } from "zod";

/** A JSON-safe cell: big integers that do not fit a double travel as strings. */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof cellSchema>;

export const resultColumnSchema = z.object({
  name: z.string(),
  /** Engine type name as the source reported it (BIGINT, VARCHAR, DOUBLE, TIMESTAMP, ...). */
  type: z.string(),
});
export type ResultColumn = z.infer<typeof resultColumnSchema>;

export const queryResultSchema = z.object({
  columns: z.array(resultColumnSchema),
  rows: z.array(z.array(cellSchema)),
  /** Rows returned (equals rows.length). */
  rowCount: z.number().int().nonnegative(),
  /** True when the row cap cut the result short. */
  truncated: z.boolean(),
  ms: z.number().nonnegative(),
  /** Bytes the source processed, where it reports it (BigQuery). */
  bytesProcessed: z.number().nonnegative().optional(),
});
export type QueryResult = z.infer<typeof queryResultSchema>;
