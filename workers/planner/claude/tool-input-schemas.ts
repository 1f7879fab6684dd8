import { z } from "zod";
import { timeGrains } from "../../sql/time-grain.js";

const savedName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "use a lower_snake_case name such as top_zones")
  .describe("keep the full result in the run's scratch DuckDB under this name, for combine and answer");

export const searchCatalogInputSchema = z.object({
  query: z.string().min(1).max(200).describe("words for what you look for: a metric, a table, a column, a term"),
});

export const describeInputSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .describe("a table (source.table), metric, entity, dimension, segment, glossary term, or a column as source.table.column"),
});


const filterSchema = z.union([
  z.object({ column: z.string().min(1), values: z.array(z.union([z.string(), z.number()])).min(1).max(100) }).strict(),
  z.object({ segment: z.string().min(1) }).strict(),
]);

const timeRangeSchema = z.union([
  z.string().min(1).max(100).describe('a phrase: "today", "yesterday", "last 7 days", "this month", "since 2026-11-01"'),
  z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) }).describe("ISO instants, end exclusive"),
]);

export const runQueryInputSchema = z.object({
  source: z.string().min(1).describe("the source the statement runs on; one source per statement"),
  sql: z.string().min(1).max(20_000).describe("one read-only SELECT in the source's dialect, naming tables as describe shows them"),
  purpose: z.string().max(200).optional().describe("why it runs, in a few words (shown on the run page)"),
  time_range: timeRangeSchema.optional().describe("the period the statement covers, so retention and freshness are checked"),
  save_as: savedName.optional(),
});

export const queryMetricInputSchema = z.object({
  metric: z.string().min(1),
  group_by: z
    .array(z.string().min(1))
    .max(3)
    .optional()
    .describe(`the metric's dimensions, columns or entities, or a time grain (${timeGrains.join(", ")})`),
  filters: z.array(filterSchema).max(10).optional().describe("{column, values} keeps rows whose column is one of values; {segment} applies a catalog segment"),
  time_range: timeRangeSchema.optional(),
  compare_previous: z.boolean().optional().describe("add the previous period of the same length as previous_<metric>"),
  order: z.enum(["desc", "asc"]).optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
  save_as: savedName.optional(),
});

export const combineInputSchema = z.object({
  sql: z.string().min(1).max(20_000).describe("DuckDB SQL over results saved with save_as"),
  purpose: z.string().max(200).optional(),
  save_as: savedName.optional(),
});

export const answerInputSchema = z.object({
  text: z.string().min(1).max(4_000).describe("the answer in one to three plain sentences, with the numbers and the period"),
  result: z.string().min(1).optional().describe("a saved result name or query id (q2, combine1) to show as the answer's table"),
  assumptions: z.array(z.string().min(1).max(300)).max(10).optional().describe("how you read ambiguous words"),
});

export type SearchCatalogInput = z.infer<typeof searchCatalogInputSchema>;
export type DescribeInput = z.infer<typeof describeInputSchema>;
export type RunQueryInput = z.infer<typeof runQueryInputSchema>;
export type QueryMetricInput = z.infer<typeof queryMetricInputSchema>;
export type CombineInput = z.infer<typeof combineInputSchema>;
export type AnswerInput = z.infer<typeof answerInputSchema>;
