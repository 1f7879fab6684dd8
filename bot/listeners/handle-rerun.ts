import type { webApi } from "@slack/bolt";
import type { RunRecord } from "../../shared/run-record.js";
import { acceptQuestion } from "../ask/accept-question.js";
import { withTimeout } from "../ask/with-timeout.js";
import type { BotDeps } from "../bot-deps.js";
import { blockActionSchema } from "../slack/slack-payloads.js";

/** The run's question must be known before the rerun is admitted, and both before the ack: the look-up gets this long. */
const runLookupTimeoutMs = 1_000;

/** Rerun: the same question again, now, as a new run in the same thread; admitted before the click is acked. */
export async function handleRerun(deps: BotDeps, args: { body: unknown; ack: () => Promise<void>; client: webApi.WebClient }): Promise<void> {
  const receivedAt = Date.now();
  const body = blockActionSchema.safeParse(args.body);
  const runId = body.success ? body.data.actions[0]?.value : undefined;
  if (!body.success || !body.data.channel || !body.data.message || !runId) {
    await args.ack();
    return;
  }
  let run: RunRecord | undefined;
  try {
    run = await withTimeout(deps.runStore.get(runId), runLookupTimeoutMs, "the run store");
  } catch (error) {
    deps.logger.warn({ err: error, run: runId }, "could not look up the run to rerun");
  }
  try {
    if (run) {
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
  } finally {
    await args.ack();
  }
}
