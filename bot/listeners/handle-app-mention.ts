import type { webApi } from "@slack/bolt";
import { acceptQuestion } from "../ask/accept-question.js";
import { botReplies } from "../ask/bot-replies.js";
import type { BotDeps } from "../bot-deps.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { slackMessage } from "../render/slack-message.js";
import { decodeSlackText } from "../slack/decode-slack-text.js";
import { envelopeSchema, mentionEventSchema, stripMention } from "../slack/slack-payloads.js";

/**
 * `@Skiff <question>` in a channel (or in a thread: the thread is then
 * Skiff's). Resolves once the question is admitted: Slack's ack waits for
 * that and nothing else.
 */
export async function handleAppMention(deps: BotDeps, args: { event: unknown; body: unknown; client: webApi.WebClient; botUserId?: string }): Promise<void> {
  const receivedAt = Date.now();
  const event = mentionEventSchema.safeParse(args.event);
  const envelope = envelopeSchema.safeParse(args.body);
  if (!event.success || !envelope.success || event.data.bot_id || event.data.subtype) {
    deps.metrics.ignored.inc({ reason: "unsupported" });
    return;
  }
  const { user, text, ts, channel } = event.data;
  const threadTs = event.data.thread_ts ?? ts;
  const question = decodeSlackText(stripMention(text, args.botUserId));
  if (!question || /^help\b/i.test(question)) {
    deps.afterAck.run("answer help", () => args.client.chat.postMessage({ channel, thread_ts: threadTs, ...slackMessage(escapeMrkdwn(botReplies.help)) }));
    return;
  }
  await acceptQuestion(deps, args.client, {
    question,
    user,
    channel,
    threadTs,
    messageTs: ts,
    surface: "mention",
    eventAt: receivedAt,
    dedupeKeys: [`msg:${channel}:${ts}`, `event:${envelope.data.event_id}`],
  });
}
