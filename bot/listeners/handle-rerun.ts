import type { webApi } from "@slack/bolt";
import { acceptQuestion } from "../ask/accept-question.js";
import type { BotDeps } from "../bot-deps.js";
import { blockActionSchema } from "../slack/slack-payloads.js";

/** Rerun: the same question again, now, as a new run in the same thread. */
export async function handleRerun(deps: BotDeps, args: { body: unknown; ack: () => Promise<void>; client: webApi.WebClient }): Promise<void> {
  const receivedAt = Date.now();
  await args.ack();
  const body = blockActionSchema.safeParse(args.body);
  if (!body.success || !body.data.channel || !body.data.message) return;
  const action = body.data.actions[0];
  const run = action?.value ? await deps.runStore.get(action.value) : undefined;
  if (!run) return;
  await acceptQuestion(deps, args.client, {
    question: run.question,
    user: body.data.user.id,
    channel: body.data.channel.id,
    threadTs: body.data.message.thread_ts ?? body.data.message.ts,
    surface: "rerun",
    eventAt: receivedAt,
    dedupeKeys: [`rerun:${body.data.trigger_id}`],
  });
}
