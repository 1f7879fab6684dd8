import { z } from "zod";
import { caveatSchema } from "../caveat.js";
import { errorCodes, type ErrorCode } from "../errors.js";
import { queryResultSchema } from "../query-result.js";
import { runQuerySchema } from "../run-record.js";

const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** A planned statement on its way to the query worker that holds the source's credentials. */
export const queryJobSchema = z.object({
  runId: z.string().min(1),
  query: z.object({
    id: z.string().min(1),
    source: z.string().min(1),
    sql: z.string().min(1),
    purpose: z.string(),
    window: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }).optional(),
    saveAs: z.string().optional(),
  }),
  /** The run's deadline (ms since epoch): the statement is cancelled when it passes. */
  deadlineAt: z.number().nonnegative(),
});
export type QueryJob = z.infer<typeof queryJobSchema>;

/** What running one query produced; a refused or failed statement carries `error` and no `result`. */
export const queryJobResultSchema = z.object({
  result: queryResultSchema.optional(),
  error: z.object({ code: errorCodeSchema, message: z.string() }).optional(),
  tables: z.array(z.string()),
  caveats: z.array(caveatSchema),
  record: runQuerySchema,
});
export type QueryJobResult = z.infer<typeof queryJobResultSchema>;
