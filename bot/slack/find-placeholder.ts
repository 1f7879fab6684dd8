import type { webApi } from "@slack/bolt";
import { z } from "zod";

const placeholderEvent = "skiff_placeholder";

/** Metadata every placeholder carries, so a post whose ts was lost (the bot died mid-call) can be found again. */
export function placeholderMetadata(runId: string) {
  return { event_type: placeholderEvent, event_payload: { run_id: runId } };
}

const repliesSchema = z.object({
  messages: z
    .array(z.object({ ts: z.string(), metadata: z.object({ event_type: z.string(), event_payload: z.object({ run_id: z.string().optional() }) }).optional() }))
    .default([]),
});

/**
 * The ts of the run's placeholder in its thread, if Slack has one: looked up
 * (conversations.replies, with metadata) only when a post's outcome was lost,
 * never on the normal path. Reads the thread's first 200 messages.
 */
export async function findPlaceholder(client: webApi.WebClient, target: { channel: string; threadTs: string; runId: string }): Promise<string | undefined> {
  const replies = repliesSchema.parse(await client.conversations.replies({ channel: target.channel, ts: target.threadTs, include_all_metadata: true, limit: 200 }));
  return replies.messages.find((m) => m.metadata?.event_type === placeholderEvent && m.metadata.event_payload.run_id === target.runId)?.ts;
}
