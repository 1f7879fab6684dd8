import type { webApi } from "@slack/bolt";
import { acceptQuestion } from "../ask/accept-question.js";
import type { BotDeps } from "../bot-deps.js";
import { decodeSlackText } from "../slack/decode-slack-text.js";
import { envelopeSchema, messageEventSchema, stripMention } from "../slack/slack-payloads.js";

/**
 * Plain messages: any DM to the app is a question, and a reply in a thread
 * Skiff answered is a follow-up (whether the thread is Skiff's is checked in
 * the admission's one round trip). Edits, deletions, other subtypes, bots
 * (Skiff included) and replies that mention Skiff (app_mention has those) are
 * ignored.
 */
export async function handleMessage(deps: BotDeps, args: { event: unknown; body: unknown; client: webApi.WebClient; botUserId?: string }): Promise<void> {
  const receivedAt = Date.now();
  const event = messageEventSchema.safeParse(args.event);
  const envelope = envelopeSchema.safeParse(args.body);
  if (!event.success || !envelope.success) {
    deps.metrics.ignored.inc({ reason: "unsupported" });
    return;
  }
  const { subtype, user, bot_id: botId, text, ts, channel, thread_ts: threadTs } = event.data;
  if (subtype !== undefined || botId !== undefined || !user || user === args.botUserId || !text?.trim()) {
    deps.metrics.ignored.inc({ reason: subtype ?? (botId || user === args.botUserId ? "bot" : "empty") });
    return;
  }
  const isDm = event.data.channel_type === "im";
  const isThreadReply = threadTs !== undefined && threadTs !== ts;
  if (!isDm && (!isThreadReply || (args.botUserId && text.includes(`<@${args.botUserId}`)))) return;
  await acceptQuestion(deps, args.client, {
    question: decodeSlackText(stripMention(text, args.botUserId)),
    user,
    channel,
    threadTs: threadTs ?? ts,
    messageTs: ts,
    surface: isDm ? "dm" : "follow_up",
    eventAt: receivedAt,
    dedupeKeys: [`msg:${channel}:${ts}`, `event:${envelope.data.event_id}`],
    // Without Redis Skiff cannot tell its threads from others; staying quiet beats answering strangers.
    ...(isDm ? {} : { onlyInSkiffThread: true }),
  });
}
