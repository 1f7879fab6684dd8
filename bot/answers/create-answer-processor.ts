import type { webApi } from "@slack/bolt";
import { UnrecoverableError, type Job } from "bullmq";
import { answerJobSchema } from "../../shared/jobs/answer-job.js";
import type { BotDeps } from "../bot-deps.js";
import { runPageUrl } from "../links/run-page-url.js";
import { answerBlocks, problemBlocks, progressBlocks } from "../render/answer-blocks.js";
import { placeholderGone } from "../slack/placeholder-gone.js";
import { claimPlaceholder } from "./claim-placeholder.js";

const answeredTtlSeconds = 7 * 86_400;

/**
 * The bot's side of the answers queue: every AnswerJob updates the run's
 * placeholder (chat.update), never posts. Once the final answer is in, later
 * progress and repeated finals (a retried run) leave it alone, so a thread
 * ends with exactly one answer. If the placeholder was deleted, the final
 * answer is posted as a reply in the thread instead.
 */
export function createAnswerProcessor(deps: BotDeps, client: webApi.WebClient) {
  return async (job: Job): Promise<void> => {
    const parsed = answerJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`answer job ${job.id ?? "?"} is not an AnswerJob: ${parsed.error.message}`);
    const answer = parsed.data;
    const claim = await claimPlaceholder(deps.redis, { lock: `${deps.keyPrefix}:lock:${answer.runId}`, answered: `${deps.keyPrefix}:answered:${answer.runId}` });
    if (claim === "answered") return;
    let answered = false;
    try {
      if (answer.kind === "progress") {
        // Progress on a placeholder someone deleted is dropped; the final answer will find it gone too and reply instead.
        await client.chat.update({ channel: answer.channel, ts: answer.placeholderTs, ...progressBlocks(answer.text) }).catch((error: unknown) => {
          if (!placeholderGone(error)) throw error;
        });
        return;
      }
      const pageUrl = runPageUrl({
        publicUrl: deps.slack.publicUrl,
        secret: deps.slack.linkSecret,
        runId: answer.runId,
        expiresAt: deps.clock.now().getTime() + deps.slack.linkTtlMs,
      });
      const message = answer.summary
        ? answerBlocks({ runId: answer.runId, summary: answer.summary, pageUrl })
        : problemBlocks({ runId: answer.runId, message: answer.error ?? "Skiff could not answer this." });
      try {
        await client.chat.update({ channel: answer.channel, ts: answer.placeholderTs, ...message });
      } catch (error) {
        if (!placeholderGone(error)) throw error;
        // The placeholder was deleted: the answer becomes a reply in the thread, still the only one.
        deps.logger.info({ run: answer.runId }, "the placeholder is gone; posting the answer as a reply");
        await client.chat.postMessage({ channel: answer.channel, thread_ts: answer.threadTs, ...message, unfurl_links: false, unfurl_media: false });
      }
      answered = true;
      deps.metrics.answers.inc({ status: answer.summary?.status ?? "failed" });
      if (answer.summary?.status !== "answered") deps.metrics.errors.inc({ kind: answer.summary?.status ?? "run_failed" });
      const eventToAnswerMs = Math.max(0, Date.now() - answer.eventAt);
      deps.metrics.latency.observe(eventToAnswerMs / 1_000);
      if (answer.workMs !== undefined) {
        deps.metrics.work.observe(answer.workMs / 1_000);
        deps.metrics.transport.observe(Math.max(0, eventToAnswerMs - answer.workMs) / 1_000);
      }
    } finally {
      await claim.release(answered ? answeredTtlSeconds : 0);
    }
  };
}
