import { z } from "zod";
import type { AnswerInput, CombineInput, DescribeInput, QueryMetricInput, RunQueryInput, SearchCatalogInput } from "./tool-input-schemas.js";
import {
  answerInputSchema,
  combineInputSchema,
  describeInputSchema,
  queryMetricInputSchema,
  runQueryInputSchema,
  searchCatalogInputSchema,
} from "./tool-input-schemas.js";
import type { ToolContext, ToolOutcome } from "./tool-context.js";
import { combineTool } from "./tools/combine-tool.js";
import { describeTool } from "./tools/describe-tool.js";
import { queryMetricTool } from "./tools/query-metric-tool.js";
import { runQueryTool } from "./tools/run-query-tool.js";
import { searchCatalogTool } from "./tools/search-catalog-tool.js";

/** One tool: its name and words for the model, the zod schema its input must pass, and what it does. */
export interface AgentTool<T = unknown> {
  name: string;
  description: string;
  schema: z.ZodType<T>;
  /** Undefined for `answer`, which ends the loop instead of feeding a result back. */
  handle?: (input: T, ctx: ToolContext) => ToolOutcome | Promise<ToolOutcome>;
}

function tool<T>(definition: AgentTool<T>): AgentTool {
  return definition as AgentTool;
}

/** The six tools, each with one reason to exist. */
export const agentTools: readonly AgentTool[] = [
  tool<SearchCatalogInput>({
    name: "search_catalog",
    description: "Find catalog tables, columns, metrics, entities, segments and glossary terms by words; ranked, one line each.",
    schema: searchCatalogInputSchema,
    handle: searchCatalogTool,
  }),
  tool<DescribeInput>({
    name: "describe",
    description:
      "The full card of a table, metric, entity or column: columns and types, descriptions, PII, known values, join keys, freshness, sampling, retention, derivation SQL, notes, and live facts (row count, common values).",
    schema: describeInputSchema,
    handle: describeTool,
  }),
  tool<RunQueryInput>({
    name: "run_query",
    description:
      "Run one read-only SQL statement on one source. Returns columns, the first rows, the row count, caveats and checks. save_as keeps the full result for combine and answer.",
    schema: runQueryInputSchema,
    handle: runQueryTool,
  }),
  tool<QueryMetricInput>({
    name: "query_metric",
    description: "Compute a catalog metric with the semantic layer's sampling-correct SQL, grouped, filtered and over a time range; run like run_query.",
    schema: queryMetricInputSchema,
    handle: queryMetricTool,
  }),
  tool<CombineInput>({
    name: "combine",
    description: "Run DuckDB SQL over results saved with save_as (joins across sources). Saved names are the table names.",
    schema: combineInputSchema,
    handle: combineTool,
  }),
  tool<AnswerInput>({
    name: "answer",
    description: "Give the final answer. result names a saved result or query id to show as the table. Call once, last.",
    schema: answerInputSchema,
  }),
];

export const agentToolsByName: ReadonlyMap<string, AgentTool> = new Map(agentTools.map((t) => [t.name, t]));

/** The tools as the Messages API wants them, the last one marked so the stable prefix (system + tools) is cached. */
export function toolDefinitions(): Array<{ name: string; description: string; input_schema: Record<string, unknown>; cache_control?: { type: "ephemeral" } }> {
  return agentTools.map((t, index) => {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(t.schema, { io: "input" }) as Record<string, unknown>;
    return {
      name: t.name,
      description: t.description,
      input_schema: schema,
      ...(index === agentTools.length - 1 ? { cache_control: { type: "ephemeral" as const } } : {}),
    };
  });
}
