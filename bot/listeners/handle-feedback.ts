import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { BotDeps } from "../bot-deps.js";
import { actionIds } from "../render/action-ids.js";
import { slackMessage } from "../render/slack-message.js";
import { blockActionSchema, feedbackViewSchema } from "../slack/slack-payloads.js";

const blockId = "what_was_wrong";
const metadataSchema = z.object({ runId: z.string().min(1), channel: z.string().optional(), threadTs: z.string().optional() });

/** 👍: stored with the run (after the click is acked); only the person who clicked sees the thanks. */
export async function handleFeedbackUp(deps: BotDeps, args: { body: unknown; ack: () => Promise<void>; client: webApi.WebClient }): Promise<void> {
  await args.ack();
  deps.afterAck.run("store 👍", () => feedbackUp(deps, args));
}

async function feedbackUp(deps: BotDeps, args: { body: unknown; client: webApi.WebClient }): Promise<void> {
  const body = blockActionSchema.safeParse(args.body);
  const runId = body.success ? body.data.actions[0]?.value : undefined;
  if (!body.success || !runId) return;
  await deps.runStore.saveFeedback({ runId, user: body.data.user.id, rating: "up", createdAt: new Date().toISOString() });
  if (body.data.channel) {
    const threadTs = body.data.message?.thread_ts ?? body.data.message?.ts;
    await args.client.chat.postEphemeral({ channel: body.data.channel.id, user: body.data.user.id, ...slackMessage("Thanks! Noted with the run."), ...(threadTs ? { thread_ts: threadTs } : {}) });
  }
}

/** 👎: a modal asks what was wrong (opened after the click is acked); the answer is stored with the run on submit. */
export async function handleFeedbackDown(deps: BotDeps, args: { body: unknown; ack: () => Promise<void>; client: webApi.WebClient }): Promise<void> {
  await args.ack();
  deps.afterAck.run("open the 👎 form", () => feedbackDown(args));
}

async function feedbackDown(args: { body: unknown; client: webApi.WebClient }): Promise<void> {
  const body = blockActionSchema.safeParse(args.body);
  const runId = body.success ? body.data.actions[0]?.value : undefined;
  if (!body.success || !runId) return;
  const metadata = { runId, channel: body.data.channel?.id, threadTs: body.data.message?.thread_ts ?? body.data.message?.ts };
  await args.client.views.open({
    trigger_id: body.data.trigger_id,
    view: {
      type: "modal",
      callback_id: actionIds.feedbackView,
      private_metadata: JSON.stringify(metadata),
      title: { type: "plain_text", text: "What was wrong?" },
      submit: { type: "plain_text", text: "Send" },
      close: { type: "plain_text", text: "Cancel" },
      blocks: [
        {
          type: "input",
          block_id: blockId,
          label: { type: "plain_text", text: "Tell whoever runs Skiff what was off (wrong number, wrong reading of the question, missing caveat…)" },
          element: { type: "plain_text_input", action_id: "text", multiline: true, max_length: 3_000 },
        },
      ],
    },
  });
}

/** The 👎 modal's submission, stored after it is acked. */
export async function handleFeedbackView(deps: BotDeps, args: { body: unknown; ack: () => Promise<void> }): Promise<void> {
  await args.ack();
  deps.afterAck.run("store 👎", () => feedbackView(deps, args));
}

async function feedbackView(deps: BotDeps, args: { body: unknown }): Promise<void> {
  const body = feedbackViewSchema.safeParse(args.body);
  if (!body.success) return;
  let metadata: z.infer<typeof metadataSchema>;
  try {
    metadata = metadataSchema.parse(JSON.parse(body.data.view.private_metadata));
  } catch {
    deps.logger.warn("a feedback form came back without its run");
    return;
  }
  const comment = body.data.view.state.values[blockId]?.text?.value?.trim();
  await deps.runStore.saveFeedback({ runId: metadata.runId, user: body.data.user.id, rating: "down", ...(comment ? { comment } : {}), createdAt: new Date().toISOString() });
}
