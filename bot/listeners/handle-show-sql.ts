import type { webApi } from "@slack/bolt";
import type { BotDeps } from "../bot-deps.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { blockActionSchema } from "../slack/slack-payloads.js";

/** Show SQL: every statement behind the answer, shown only to whoever asked for it. */
export async function handleShowSql(deps: BotDeps, args: { body: unknown; ack: () => Promise<void>; client: webApi.WebClient }): Promise<void> {
  await args.ack();
  const body = blockActionSchema.safeParse(args.body);
  if (!body.success || !body.data.channel) return;
  const runId = body.data.actions[0]?.value ?? "";
  const run = runId ? await deps.runStore.get(runId) : undefined;
  const threadTs = body.data.message?.thread_ts ?? body.data.message?.ts;
  const text = run
    ? run.queries
        .map((q) => `*${q.id}* on \`${q.source}\`: ${escapeMrkdwn(q.purpose)} (${q.rows} rows, ${q.ms} ms)\n\`\`\`${q.sql.replaceAll("`", "'")}\`\`\``)
        .join("\n")
        .slice(0, 3_900) || "This run did not query anything."
    : `Skiff has no run \`${runId}\` any more.`;
  await args.client.chat.postEphemeral({ channel: body.data.channel.id, user: body.data.user.id, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
}
