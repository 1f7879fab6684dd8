import { z } from "zod";
import { parseEnvironment } from "./config-parse-environment.js";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The Claude planner's environment. Without ANTHROPIC_API_KEY, Skiff plans offline (semantic planner). */
export const anthropicEnvSchema = z.object({
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** A current Claude Sonnet model id unless set. */
  ANTHROPIC_MODEL: z.string().min(1).default("claude-sonnet-5-5"),
  /** Proxies, gateways and tests point the client elsewhere. */
  ANTHROPIC_BASE_URL: z.url().optional(),
  /** Retries of 429, 5xx and 529 responses (with the API's retry-after, else exponential backoff). */
  ANTHROPIC_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Model round trips one answer may take. */
  SKIFF_AGENT_MAX_STEPS: positiveInt(10),
  /** Wall-clock budget for the agent loop; kept under SKIFF_RUN_DEADLINE_MS so a partial answer still gets written. */
  SKIFF_AGENT_DEADLINE_MS: positiveInt(45_000),
  /** Tokens (prompt, cached prompt and output together) one answer may spend. */
  SKIFF_AGENT_TOKEN_BUDGET: positiveInt(200_000),
  /** Output tokens per model response. */
  SKIFF_AGENT_MAX_OUTPUT_TOKENS: positiveInt(2_048),
});

export interface AnthropicConfig {
  /** Undefined when no key is set: the Claude planner is then unavailable. */
  apiKey: string | undefined;
  model: string;
  baseUrl: string | undefined;
  maxRetries: number;
  budgets: AgentBudgets;
}

export interface AgentBudgets {
  maxSteps: number;
  deadlineMs: number;
  maxTokens: number;
  maxOutputTokens: number;
}

/** Parses the Anthropic variables once, at start-up; a bad one fails naming the variable. */
export function loadAnthropicConfig(env: NodeJS.ProcessEnv = process.env): AnthropicConfig {
  const e = parseEnvironment(anthropicEnvSchema, env, { what: "Skiff's Anthropic settings" });
  return {
    apiKey: e.ANTHROPIC_API_KEY,
    model: e.ANTHROPIC_MODEL,
    baseUrl: e.ANTHROPIC_BASE_URL,
    maxRetries: e.ANTHROPIC_MAX_RETRIES,
    budgets: {
      maxSteps: e.SKIFF_AGENT_MAX_STEPS,
      deadlineMs: e.SKIFF_AGENT_DEADLINE_MS,
      maxTokens: e.SKIFF_AGENT_TOKEN_BUDGET,
      maxOutputTokens: e.SKIFF_AGENT_MAX_OUTPUT_TOKENS,
    },
  };
}
