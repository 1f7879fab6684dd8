import Anthropic from "@anthropic-ai/sdk";
import type { AnthropicConfig } from "../../../shared/config-anthropic.js";
import { SkiffError } from "../../../shared/errors.js";

/** The Messages API client: the SDK retries 429, 5xx and 529 with backoff and honours retry-after. */
export function createAnthropicClient(config: AnthropicConfig): Anthropic {
  if (!config.apiKey) throw new SkiffError("CONFIG_INVALID", "the Claude planner needs ANTHROPIC_API_KEY; set it, or use --planner semantic");
  return new Anthropic({
    apiKey: config.apiKey,
    maxRetries: config.maxRetries,
    timeout: config.budgets.deadlineMs,
    ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
  });
}
