import type { webApi } from "@slack/bolt";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import type { BotDeps } from "../bot-deps.js";
import { botReplies } from "./bot-replies.js";
import { enqueueQuestion } from "./enqueue-question.js";
import { claimPlaceholderPost, postUnderClaim } from "./post-placeholder.js";

/**
 * What follows an admission, after Slack is acknowledged, in an order a crash
 * can interrupt anywhere: enqueue the AskJob under the question's own job id
 * (with the placeholder's lock already held, so no answer can overtake it),
 * then react and post the placeholder (saying how long the wait is when the
 * queue is deep). What a dead bot left undone the reconciler redoes from the
 * pending record; a placeholder Slack refused is posted later or the answer
 * comes as a reply.
 */
export async function finishAcceptedQuestion(deps: BotDeps, client: webApi.WebClient, job: AskJob, options: { messageTs?: string } = {}): Promise<void> {
  const { metrics, logger } = deps;
  const { runId } = job;
  const reaction = options.messageTs
    ? client.reactions.add({ channel: job.channel, timestamp: options.messageTs, name: "eyes" }).catch((error: unknown) => {
        logger.debug({ err: error }, "could not react to the question");
      })
    : undefined;
  // The placeholder's lock first, so the answer (however fast) finds the placeholder up; if it can't be had, the answer comes as a reply.
  const claim = await claimPlaceholderPost(deps, job).catch((error: unknown) => {
    logger.warn({ err: error, run: runId }, "could not lock the placeholder; the reconciler posts it");
    return undefined;
  });
  let text: string = botReplies.placeholder;
  try {
    await enqueueQuestion(deps, job);
    deps.waitEstimator.enqueued();
    const wait = await deps.waitEstimator.estimate();
    if (wait.busy) {
      text = botReplies.busy(wait.ahead, wait.expectMs);
      metrics.busy.inc();
    }
  } catch (error) {
    // Admitted, so pending: the reconciler enqueues it once the queue answers.
    logger.warn({ err: error, run: runId }, "could not enqueue the question yet; the reconciler will");
    metrics.errors.inc({ kind: "enqueue_failed" });
  }
  if (claim && claim !== "answered") {
    await postUnderClaim(client, job, text, claim).catch((error: unknown) => {
      logger.warn({ err: error, run: runId }, "could not post the placeholder; the reconciler retries it, and the answer is posted as a reply if it comes first");
      metrics.errors.inc({ kind: "placeholder_failed" });
    });
  }
  await reaction;
}
