import type { webApi } from "@slack/bolt";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import type { BotDeps } from "../bot-deps.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { slackMessage } from "../render/slack-message.js";
import { slackRetryAfterMs } from "../slack/slack-retry-after.js";
import { admitQuestion, withdrawAdmission, type Admission, type PendingRecord } from "./admit-question.js";
import { botReplies } from "./bot-replies.js";
import { finishAcceptedQuestion } from "./finish-accepted-question.js";
import { postQuestionEcho } from "./post-question-echo.js";
import { questionRunId } from "./question-run-id.js";

export interface IncomingQuestion {
  question: string;
  user: string;
  channel: string;
  /** The thread the answer lives in. None for /ask: its thread is the "asked:" echo, posted once the question is admitted. */
  threadTs?: string;
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
  /** A reply in a thread: a question only if the thread is Skiff's, checked within the admission. Such a reply gets no word from Skiff while Redis is away. */
  onlyInSkiffThread?: boolean;
  /** How the asker hears anything but the answer (rate limit, Skiff unavailable, echo refused). @defaultValue a reply in the thread */
  tell?: (text: string) => Promise<unknown>;
}

export type AcceptOutcome = "accepted" | "duplicate" | "rate_limited" | "unavailable" | "not_ours";

/**
 * The one path from a Slack question to the queue. Awaits only the
 * admission (dedupe, the asker's rate limit and the question recorded as
 * pending: one Redis round trip, bounded), which is what must precede Slack's
 * ack; everything after it (the /ask echo, enqueue, reaction, placeholder, or
 * telling the asker why not) is handed to `deps.afterAck`, so it never holds
 * up the ack, and a bot that dies there leaves the question pending for the
 * reconciler. Redis unreachable or slow: the asker is told Skiff can't take
 * questions right now.
 */
export async function acceptQuestion(deps: BotDeps, client: webApi.WebClient, incoming: IncomingQuestion): Promise<AcceptOutcome> {
  const { metrics, logger } = deps;
  const record = pendingRecord(deps, incoming);
  const { runId } = record;
  const tell = incoming.tell ?? replyInThread(client, incoming);
  const question = { user: incoming.user, dedupeKeys: incoming.dedupeKeys, perMinute: deps.slack.rateLimitPerMinute, record, onlyInSkiffThread: incoming.onlyInSkiffThread ?? false };

  let admission: Admission;
  try {
    admission = await admitQuestion(deps.redis, deps.keyPrefix, question);
  } catch (error) {
    // A reply in a thread can't be told from a stranger's without Redis: staying quiet beats answering strangers.
    logger.warn({ err: error, run: runId }, incoming.onlyInSkiffThread ? "Redis did not admit a thread reply; staying quiet" : "Redis did not admit the question; telling the asker to try later");
    metrics.errors.inc({ kind: "redis_unavailable" });
    deps.afterAck.run("tell the asker Skiff is unavailable", async () => {
      // If the admission reaches Redis after all, it is taken back: the asker was told to ask again.
      await withdrawAdmission(deps.redis, deps.keyPrefix, question).catch((withdrawError: unknown) => logger.debug({ err: withdrawError, run: runId }, "could not withdraw the admission"));
      if (!incoming.onlyInSkiffThread) await tell(botReplies.unavailable);
    });
    return "unavailable";
  }

  switch (admission.kind) {
    case "not_ours":
      return "not_ours";
    case "duplicate":
      metrics.ignored.inc({ reason: "duplicate" });
      // Still pending: admitted by a delivery whose bot may have died before acking; the reconciler drives it, and this one is not counted against the asker.
      if (admission.pending) logger.info({ run: runId }, "Slack delivered a pending question again; the reconciler finishes it if its bot did not");
      return "duplicate";
    case "rate_limited":
      metrics.ignored.inc({ reason: "rate_limited" });
      deps.afterAck.run("tell the asker about the rate limit", () => tell(botReplies.rateLimited(deps.slack.rateLimitPerMinute)));
      return "rate_limited";
    case "admitted":
      break;
  }

  logger.info({ run: runId, surface: incoming.surface, channel: incoming.channel }, "question accepted");
  deps.afterAck.run("accept a question", async () => {
    let job: AskJob;
    if ("threadTs" in record) job = record;
    else {
      const echo = await postQuestionEcho(deps, client, record).catch((error: unknown) => {
        logger.warn({ err: error, run: runId, channel: incoming.channel }, "the /ask question's post in its channel did not go through; the reconciler retries it");
        return { kind: "elsewhere" } as const;
      });
      if (echo.kind === "refused") {
        logger.warn({ err: echo.error, run: runId, channel: incoming.channel }, "could not post the /ask question in its channel");
        const retryAfterMs = slackRetryAfterMs(echo.error);
        await tell(retryAfterMs === undefined ? botReplies.notInChannel : botReplies.slackRateLimited(retryAfterMs));
        return;
      }
      if (echo.kind === "elsewhere") return;
      job = echo.job;
    }
    metrics.questions.inc({ surface: incoming.surface });
    await finishAcceptedQuestion(deps, client, job, incoming.messageTs ? { messageTs: incoming.messageTs } : {});
  });
  return "accepted";
}

function pendingRecord(deps: BotDeps, incoming: IncomingQuestion): PendingRecord {
  const fields = {
    runId: questionRunId(deps.slack.linkSecret, incoming.dedupeKeys[0]),
    question: incoming.question,
    asker: incoming.user,
    surface: incoming.surface,
    channel: incoming.channel,
    newThread: incoming.messageTs === incoming.threadTs || incoming.surface === "slash",
    eventAt: incoming.eventAt,
  };
  return incoming.threadTs === undefined ? { ...fields, awaiting: "echo" } : { ...fields, threadTs: incoming.threadTs };
}

function replyInThread(client: webApi.WebClient, incoming: IncomingQuestion): (text: string) => Promise<unknown> {
  const { channel, threadTs } = incoming;
  return (text) => client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...slackMessage(escapeMrkdwn(text)) });
}
