import type { webApi } from "@slack/bolt";
import { UnrecoverableError, type Job } from "bullmq";
import { answerJobSchema } from "../../shared/jobs/answer-job.js";
import type { BotDeps } from "../bot-deps.js";
import { runPageUrl } from "../links/run-page-url.js";
import { answerBlocks, problemBlocks, progressBlocks } from "../render/answer-blocks.js";
import { withRunLock } from "./with-run-lock.js";

const answeredTtlSeconds = 7 * 86_400;

/**
 * The bot's side of the answers queue: every AnswerJob updates the run's
 * placeholder (chat.update), never posts. Once the final answer is in, later
 * progress and repeated finals (a retried run) leave it alone, so a thread
 * ends with exactly one answer.
 */
export function createAnswerProcessor(deps: BotDeps, client: webApi.WebClient) {
  return async (job: Job): Promise<void> => {
    const parsed = answerJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`answer job ${job.id ?? "?"} is not an AnswerJob: ${parsed.error.message}`);
    const answer = parsed.data;
    const answeredKey = `${deps.keyPrefix}:answered:${answer.runId}`;
    await withRunLock(deps.redis, `${deps.keyPrefix}:lock:${answer.runId}`, async () => {
      if (await deps.redis.exists(answeredKey)) return;
      if (answer.kind === "progress") {
        await client.chat.update({ channel: answer.channel, ts: answer.placeholderTs, ...progressBlocks(answer.text) });
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
      await client.chat.update({ channel: answer.channel, ts: answer.placeholderTs, ...message });
      await deps.redis.set(answeredKey, "1", "EX", answeredTtlSeconds);
      deps.metrics.answers.inc({ status: answer.summary?.status ?? "failed" });
      if (answer.summary?.status !== "answered") deps.metrics.errors.inc({ kind: answer.summary?.status ?? "run_failed" });
      deps.metrics.latency.observe(Math.max(0, Date.now() - answer.eventAt) / 1_000);
    });
  };
}
