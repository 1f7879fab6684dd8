import type { webApi } from "@slack/bolt";
import { z } from "zod";

const echoEvent = "skiff_question";

/** Metadata every /ask echo carries, so one whose ts was lost (the bot died mid-post) can be found again. */
export function questionEchoMetadata(runId: string) {
  return { event_type: echoEvent, event_payload: { run_id: runId } };
}

const historySchema = z.object({
  messages: z
    .array(z.object({ ts: z.string(), metadata: z.object({ event_type: z.string(), event_payload: z.object({ run_id: z.string().optional() }) }).optional() }))
    .default([]),
});

/** Slack's clock and the bot's differ a little; the echo is looked for from this long before the question arrived. */
const clockSlackSeconds = 60;

/**
 * The ts of a question's echo in its channel, if Slack has one: looked up
 * (conversations.history since the question arrived, with metadata) only
 * when a post's outcome was lost. Reads up to 200 messages.
 */
export async function findQuestionEcho(client: webApi.WebClient, target: { channel: string; runId: string; eventAt: number }): Promise<string | undefined> {
  const oldest = Math.max(0, Math.floor(target.eventAt / 1_000) - clockSlackSeconds);
  const history = historySchema.parse(await client.conversations.history({ channel: target.channel, oldest: String(oldest), include_all_metadata: true, limit: 200 }));
  return history.messages.find((m) => m.metadata?.event_type === echoEvent && m.metadata.event_payload.run_id === target.runId)?.ts;
}
