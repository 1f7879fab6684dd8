import { z } from "zod";
import { isSkiffError } from "../../../shared/errors.js";
import type { Logger } from "../../../shared/logger.js";
import { agentToolsByName } from "./agent-tools.js";
import type { ToolContext, ToolOutcome } from "./tool-context.js";

/**
 * Runs one tool call from the model. Unknown tools, inputs that fail the
 * tool's schema and errors inside a tool become error results the model can
 * act on; only a run past its deadline propagates.
 */
export async function dispatchTool(name: string, input: unknown, ctx: ToolContext, logger: Logger): Promise<ToolOutcome> {
  const tool = agentToolsByName.get(name);
  if (!tool?.handle) {
    const names = [...agentToolsByName.keys()].join(", ");
    return { isError: true, content: tool ? `${name} is not run as a tool step` : `there is no tool named "${name}"; tools: ${names}` };
  }
  const parsed = tool.schema.safeParse(input);
  if (!parsed.success) return { isError: true, content: `invalid input for ${name}:\n${z.prettifyError(parsed.error)}` };
  try {
    return await tool.handle(parsed.data, ctx);
  } catch (error) {
    if (isSkiffError(error, "QUERY_TIMEOUT")) throw error;
    if (isSkiffError(error)) return { isError: true, content: error.message };
    logger.error({ err: error, tool: name }, "tool failed");
    return { isError: true, content: `${name} failed inside Skiff (${error instanceof Error ? error.message : String(error)}); try a different approach` };
  }
}
