import { z } from "zod";

const textBlockSchema = z.object({ type: z.literal("text"), text: z.string() });
const toolUseBlockSchema = z.object({ type: z.literal("tool_use"), id: z.string().min(1), name: z.string().min(1), input: z.unknown() });
/** Blocks Skiff does not act on (thinking, server tools) are tolerated and dropped. */
const otherBlockSchema = z.object({ type: z.string().refine((t) => t !== "text" && t !== "tool_use") });

/** The parts of a Messages API response the loop relies on; anything else about it is the SDK's business. */
export const modelResponseSchema = z.object({
  content: z.array(z.union([textBlockSchema, toolUseBlockSchema, otherBlockSchema])),
  stop_reason: z.string().nullable(),
  usage: z.object({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_read_input_tokens: z.number().int().nonnegative().nullish(),
    cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
  }),
});
export type ModelResponse = z.infer<typeof modelResponseSchema>;
export type ToolUseBlock = z.infer<typeof toolUseBlockSchema>;
export type TextBlock = z.infer<typeof textBlockSchema>;

export const isToolUse = (block: ModelResponse["content"][number]): block is ToolUseBlock => block.type === "tool_use" && "id" in block;
export const isText = (block: ModelResponse["content"][number]): block is TextBlock => block.type === "text" && "text" in block;
