import type { webApi } from "@slack/bolt";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import type { BotDeps } from "../bot-deps.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { slackMessage } from "../render/slack-message.js";
import { admitQuestion } from "./admit-question.js";
import { botReplies } from "./bot-replies.js";
import { enqueueQuestion } from "./enqueue-question.js";
import { claimPlaceholderPost, postUnderClaim } from "./post-placeholder.js";
import { questionRunId } from "./question-run-id.js";

export interface IncomingQuestion {
  question: string;
  user: string;
  channel: string;
  threadTs: string;
  /** The message that asked, when there is one: it gets the "seen" reaction. */
  messageTs?: string;
  surface: AskJob["surface"];
  /** When the bot received the event (ms since epoch). */
  eventAt: number;
  /**
   * Ids that identify this question however often Slack delivers it (channel +
   * ts, event id, trigger id). The first also names its run and job.
   */
  dedupeKeys: readonly [string, ...string[]];
}

export type AcceptOutcome = "accepted" | "duplicate" | "rate_limited" | "unavailable";

/**
 * The one path from a Slack question to the queue, in an order a crash can
 * interrupt anywhere without losing it: admit (dedupe, the asker's rate
 * limit, and the question recorded as pending, in one Redis call), enqueue
 * the AskJob under the question's own job id (with the placeholder's lock
 * already held, so no answer can overtake it), then react and post the
 * placeholder (saying how long the wait is when the queue is deep). What a
 * dead bot left undone the reconciler redoes; a placeholder Slack refused
 * is posted later or the answer comes as a reply. With Redis unreachable it
 * says so in the thread rather than hanging.
 */
export async function acceptQuestion(deps: BotDeps, client: webApi.WebClient, incoming: IncomingQuestion): Promise<AcceptOutcome> {
  const { redis, keyPrefix, metrics, logger } = deps;
  const reply = (text: string) => client.chat.postMessage({ channel: incoming.channel, thread_ts: incoming.threadTs, ...slackMessage(escapeMrkdwn(text)) });
  const job: AskJob = {
    runId: questionRunId(deps.slack.linkSecret, incoming.dedupeKeys[0]),
    question: incoming.question,
    asker: incoming.user,
    surface: incoming.surface,
    channel: incoming.channel,
    threadTs: incoming.threadTs,
    newThread: incoming.messageTs === incoming.threadTs || incoming.surface === "slash",
    eventAt: incoming.eventAt,
  };
  const { runId } = job;

  let admission: Awaited<ReturnType<typeof admitQuestion>>;
  try {
    admission = await admitQuestion(redis, keyPrefix, { user: incoming.user, dedupeKeys: incoming.dedupeKeys, perMinute: deps.slack.rateLimitPerMinute, job });
  } catch (error) {
    logger.warn({ err: error }, "Redis is unreachable; telling the asker to try later");
    metrics.errors.inc({ kind: "redis_unavailable" });
    await reply(botReplies.unavailable);
    return "unavailable";
  }
  if (admission.kind === "duplicate") {
    metrics.ignored.inc({ reason: "duplicate" });
    return "duplicate";
  }
  if (admission.kind === "rate_limited") {
    metrics.ignored.inc({ reason: "rate_limited" });
    await reply(botReplies.rateLimited(deps.slack.rateLimitPerMinute));
    return "rate_limited";
  }

  const reaction = incoming.messageTs
    ? client.reactions.add({ channel: incoming.channel, timestamp: incoming.messageTs, name: "eyes" }).catch((error: unknown) => {
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
  metrics.questions.inc({ surface: incoming.surface });
  logger.info({ run: runId, surface: incoming.surface, channel: incoming.channel }, "question accepted");
  return "accepted";
}
