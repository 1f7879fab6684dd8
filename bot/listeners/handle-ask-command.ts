import type { webApi } from "@slack/bolt";
import { acceptQuestion } from "../ask/accept-question.js";
import { botReplies } from "../ask/bot-replies.js";
import type { BotDeps } from "../bot-deps.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { slackMessage, type SlackMessage } from "../render/slack-message.js";
import { slashCommandSchema } from "../slack/slack-payloads.js";
import { decodeSlackText } from "../slack/decode-slack-text.js";

/**
 * `/ask <question>`: admitted, then acked (Slack allows 3 s; admission is
 * bounded well within), then, for an admitted question only, posted in the
 * channel ("<@asker> asked: …") so the answer has a thread to live in. Why a
 * question was not taken (rate limit, Skiff unavailable, not in the channel)
 * and `/ask help` (or nothing) are answered privately.
 */
export async function handleAskCommand(
  deps: BotDeps,
  args: { command: unknown; ack: () => Promise<void>; respond: (message: SlackMessage & { response_type: "ephemeral" }) => Promise<unknown>; client: webApi.WebClient },
): Promise<void> {
  const receivedAt = Date.now();
  const command = slashCommandSchema.safeParse(args.command);
  if (!command.success) {
    deps.metrics.ignored.inc({ reason: "unsupported" });
    await args.ack();
    return;
  }
  const { text, user_id: user, channel_id: channel, trigger_id: triggerId } = command.data;
  const question = decodeSlackText(text).trim();
  const tell = (reply: string) => args.respond({ ...slackMessage(escapeMrkdwn(reply)), response_type: "ephemeral" });
  if (!question || /^help$/i.test(question)) {
    await args.ack();
    deps.afterAck.run("answer /ask help", () => tell(botReplies.help));
    return;
  }
  try {
    await acceptQuestion(deps, args.client, { question, user, channel, surface: "slash", eventAt: receivedAt, dedupeKeys: [`cmd:${triggerId}`], tell });
  } finally {
    await args.ack();
  }
}
