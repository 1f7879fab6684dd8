import type { webApi } from "@slack/bolt";
import { acceptQuestion } from "../ask/accept-question.js";
import { botReplies } from "../ask/bot-replies.js";
import type { BotDeps } from "../bot-deps.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { slackMessage, type SlackMessage } from "../render/slack-message.js";
import { userMention } from "../render/user-mention.js";
import { decodeSlackText } from "../slack/decode-slack-text.js";
import { slashCommandSchema } from "../slack/slack-payloads.js";
import { slackRetryAfterMs } from "../slack/slack-retry-after.js";

/**
 * `/ask <question>`: acked at once (Slack allows 3 s), then the question is
 * posted in the channel so the answer has a thread to live in. `/ask help`
 * (or nothing) answers privately with what Skiff does.
 */
export async function handleAskCommand(
  deps: BotDeps,
  args: { command: unknown; ack: () => Promise<void>; respond: (message: SlackMessage & { response_type: "ephemeral" }) => Promise<unknown>; client: webApi.WebClient },
): Promise<void> {
  const receivedAt = Date.now();
  await args.ack();
  const command = slashCommandSchema.safeParse(args.command);
  if (!command.success) {
    deps.metrics.ignored.inc({ reason: "unsupported" });
    return;
  }
  const { text, user_id: user, channel_id: channel, trigger_id: triggerId } = command.data;
  const question = decodeSlackText(text).trim();
  if (!question || /^help$/i.test(question)) {
    await args.respond({ ...slackMessage(escapeMrkdwn(botReplies.help)), response_type: "ephemeral" });
    return;
  }
  let posted: { ts?: string };
  try {
    posted = await args.client.chat.postMessage({ channel, ...slackMessage(`${userMention(user)} asked: ${escapeMrkdwn(question)}`), unfurl_links: false, unfurl_media: false });
  } catch (error) {
    deps.logger.warn({ err: error, channel }, "could not post the /ask question in its channel");
    const retryAfterMs = slackRetryAfterMs(error);
    const why = retryAfterMs === undefined ? botReplies.notInChannel : botReplies.slackRateLimited(retryAfterMs);
    await args.respond({ ...slackMessage(escapeMrkdwn(why)), response_type: "ephemeral" });
    return;
  }
  if (!posted.ts) return;
  await acceptQuestion(deps, args.client, {
    question,
    user,
    channel,
    threadTs: posted.ts,
    surface: "slash",
    eventAt: receivedAt,
    dedupeKeys: [`cmd:${triggerId}`],
  });
}
