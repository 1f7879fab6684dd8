import type { webApi } from "@slack/bolt";
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { answerJobSchema, type AnswerJob } from "../../shared/jobs/answer-job.js";
import { postPlaceholder } from "../ask/post-placeholder.js";
import { runKeys } from "../ask/run-keys.js";
import type { BotDeps } from "../bot-deps.js";
import { runPageUrl } from "../links/run-page-url.js";
import { answerBlocks, problemBlocks, progressBlocks } from "../render/answer-blocks.js";
import type { SlackMessage } from "../render/slack-message.js";
import { findPlaceholder } from "../slack/find-placeholder.js";
import { placeholderGone } from "../slack/placeholder-gone.js";
import { slackRetryAfterMs } from "../slack/slack-retry-after.js";
import { claimPlaceholder, threadStateTtlSeconds, type PlaceholderClaim } from "./claim-placeholder.js";

/** A final answer Slack keeps rate-limiting is given up (and the job failed) after this long. */
const rateLimitedForAtMostMs = 15 * 60_000;

/**
 * The bot's side of the answers queue: every AnswerJob updates the run's
 * placeholder (chat.update). Once the final answer is in, later progress and
 * repeated finals (a retried run) leave it alone, so a thread ends with
 * exactly one answer. With no placeholder to update (Slack refused to post
 * it, or it was deleted) the final answer is posted as a reply instead, and
 * progress posts the missing placeholder. A 429 delays only this job, by
 * Slack's Retry-After.
 */
export function createAnswerProcessor(deps: BotDeps, client: webApi.WebClient) {
  return async (job: Job, token?: string): Promise<void> => {
    const parsed = answerJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`answer job ${job.id ?? "?"} is not an AnswerJob: ${parsed.error.message}`);
    const answer = parsed.data;
    try {
      if (answer.kind === "progress") await showProgress(deps, client, answer);
      else await postFinal(deps, client, answer);
    } catch (error) {
      const retryAfterMs = slackRetryAfterMs(error);
      if (retryAfterMs === undefined || answer.kind === "progress" || Date.now() - job.timestamp > rateLimitedForAtMostMs) throw error;
      // Only this thread waits out Slack's Retry-After; other answers keep flowing. Not counted as a failed attempt.
      deps.metrics.errors.inc({ kind: "slack_rate_limited" });
      deps.logger.info({ run: answer.runId, retryAfterMs }, "Slack rate-limited this answer; retrying it after Retry-After");
      await job.moveToDelayed(Date.now() + retryAfterMs, token);
      throw new DelayedError();
    }
  };
}

async function showProgress(deps: BotDeps, client: webApi.WebClient, answer: Extract<AnswerJob, { kind: "progress" }>): Promise<void> {
  const claim = await claimPlaceholder(deps.redis, runKeys(deps.keyPrefix, answer.runId));
  if (claim === "answered") return;
  const placeholderTs = claim.placeholderTs ?? answer.placeholderTs;
  // Progress is best-effort: a deleted placeholder or a 429 drops this update; the final answer copes with both.
  const dropGoneOrLimited = (error: unknown) => {
    if (!placeholderGone(error) && slackRetryAfterMs(error) === undefined) throw error;
  };
  try {
    if (placeholderTs) await client.chat.update({ channel: answer.channel, ts: placeholderTs, ...progressBlocks(answer.text) }).catch(dropGoneOrLimited);
  } finally {
    await claim.release();
  }
  // Slack refused the placeholder earlier: this progress line becomes it (post-placeholder takes the lock itself).
  if (!placeholderTs && !claim.placeholderInDoubt) {
    await postPlaceholder(deps, client, answer, answer.text).catch((error: unknown) => deps.logger.debug({ err: error, run: answer.runId }, "could not post the placeholder with progress"));
  }
}

async function postFinal(deps: BotDeps, client: webApi.WebClient, answer: Extract<AnswerJob, { kind: "final" }>): Promise<void> {
  const claim = await claimPlaceholder(deps.redis, runKeys(deps.keyPrefix, answer.runId));
  if (claim === "answered") return;
  let answered = false;
  try {
    await deliver(deps, client, answer, claim, renderFinal(deps, answer));
    answered = true;
  } finally {
    await claim.release(answered ? { answeredTtlSeconds: threadStateTtlSeconds } : {});
  }
  deps.metrics.answers.inc({ status: answer.summary?.status ?? "failed" });
  if (answer.summary?.status !== "answered") deps.metrics.errors.inc({ kind: answer.summary?.status ?? "run_failed" });
  const eventToAnswerMs = Math.max(0, Date.now() - answer.eventAt);
  deps.metrics.latency.observe(eventToAnswerMs / 1_000);
  if (answer.workMs !== undefined) {
    deps.metrics.work.observe(answer.workMs / 1_000);
    deps.metrics.transport.observe(Math.max(0, eventToAnswerMs - answer.workMs) / 1_000);
    deps.waitEstimator.observe(answer.workMs);
  }
}

function renderFinal(deps: BotDeps, answer: Extract<AnswerJob, { kind: "final" }>): SlackMessage {
  const pageUrl = runPageUrl({ publicUrl: deps.slack.publicUrl, secret: deps.slack.linkSecret, runId: answer.runId, expiresAt: deps.clock.now().getTime() + deps.slack.linkTtlMs });
  return answer.summary
    ? answerBlocks({ runId: answer.runId, summary: answer.summary, pageUrl })
    : problemBlocks({ runId: answer.runId, message: answer.error ?? "Skiff could not answer this." });
}

/**
 * The placeholder becomes the answer; without one (never posted, or deleted)
 * the answer is a reply in the thread, still the only one. A placeholder whose
 * post was cut short is looked for in the thread first.
 */
async function deliver(deps: BotDeps, client: webApi.WebClient, answer: Extract<AnswerJob, { kind: "final" }>, claim: PlaceholderClaim, message: SlackMessage): Promise<void> {
  const placeholderTs = claim.placeholderTs ?? answer.placeholderTs ?? (claim.placeholderInDoubt ? await lookFor(deps, client, answer) : undefined);
  if (placeholderTs) {
    try {
      await client.chat.update({ channel: answer.channel, ts: placeholderTs, ...message });
      return;
    } catch (error) {
      if (!placeholderGone(error)) throw error;
      deps.logger.info({ run: answer.runId }, "the placeholder is gone; posting the answer as a reply");
    }
  } else {
    deps.logger.info({ run: answer.runId }, "the thread has no placeholder; posting the answer as a reply");
  }
  await client.chat.postMessage({ channel: answer.channel, thread_ts: answer.threadTs, ...message, unfurl_links: false, unfurl_media: false });
}

/** The lost placeholder, if Slack has it; a failed look-up (other than a 429, waited out) answers with a reply instead. */
async function lookFor(deps: BotDeps, client: webApi.WebClient, answer: Extract<AnswerJob, { kind: "final" }>): Promise<string | undefined> {
  try {
    return await findPlaceholder(client, answer);
  } catch (error) {
    if (slackRetryAfterMs(error) !== undefined) throw error;
    deps.logger.warn({ err: error, run: answer.runId }, "could not look for a placeholder whose post was cut short; answering with a reply");
    return undefined;
  }
}
