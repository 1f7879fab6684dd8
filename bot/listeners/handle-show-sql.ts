import type { webApi } from "@slack/bolt";
import type { BotDeps } from "../bot-deps.js";
import { sqlMessage } from "../render/sql-message.js";
import { blockActionSchema } from "../slack/slack-payloads.js";

/** Show SQL: every statement behind the answer, shown only to whoever asked for it (after the click is acked). */
export async function handleShowSql(deps: BotDeps, args: { body: unknown; ack: () => Promise<void>; client: webApi.WebClient }): Promise<void> {
  await args.ack();
  deps.afterAck.run("show SQL", () => showSql(deps, args));
}

async function showSql(deps: BotDeps, args: { body: unknown; client: webApi.WebClient }): Promise<void> {
  const body = blockActionSchema.safeParse(args.body);
  if (!body.success || !body.data.channel) return;
  const runId = body.data.actions[0]?.value ?? "";
  const run = runId ? await deps.runStore.get(runId) : undefined;
  const threadTs = body.data.message?.thread_ts ?? body.data.message?.ts;
  await args.client.chat.postEphemeral({ channel: body.data.channel.id, user: body.data.user.id, ...sqlMessage(runId, run), ...(threadTs ? { thread_ts: threadTs } : {}) });
}
