import type { webApi } from "@slack/bolt";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import { jobId } from "../../shared/jobs/queue-names.js";
import type { BotDeps } from "../bot-deps.js";
import { progressBlocks } from "../render/answer-blocks.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { slackMessage } from "../render/slack-message.js";
import { admitQuestion } from "./admit-question.js";
import { botReplies } from "./bot-replies.js";
import { threadKey } from "./thread-key.js";

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
  /** Ids that identify this question however often Slack delivers it (event id, channel + ts, trigger id). */
  dedupeKeys: readonly string[];
}

export type AcceptOutcome = "accepted" | "duplicate" | "rate_limited" | "unavailable";

const threadTtlSeconds = 30 * 86_400;
const enqueueTimeoutMs = 3_000;

/**
 * The one path from a Slack question to the queue: drop duplicates, apply the
 * asker's rate limit, react and post the placeholder, remember the thread for
 * follow-ups, enqueue the AskJob. With Redis unreachable it says so in the
 * thread rather than hanging.
 */
export async function acceptQuestion(deps: BotDeps, client: webApi.WebClient, incoming: IncomingQuestion): Promise<AcceptOutcome> {
  const { redis, keyPrefix, metrics, logger } = deps;
  const reply = (text: string) => client.chat.postMessage({ channel: incoming.channel, thread_ts: incoming.threadTs, ...slackMessage(escapeMrkdwn(text)) });

  let allowed: boolean;
  try {
    const admission = await admitQuestion(redis, keyPrefix, incoming);
    if (admission.kind === "duplicate") {
      metrics.ignored.inc({ reason: "duplicate" });
      return "duplicate";
    }
    allowed = admission.countThisMinute <= deps.slack.rateLimitPerMinute;
  } catch (error) {
    logger.warn({ err: error }, "Redis is unreachable; telling the asker to try later");
    metrics.errors.inc({ kind: "redis_unavailable" });
    await reply(botReplies.unavailable);
    return "unavailable";
  }
  if (!allowed) {
    metrics.ignored.inc({ reason: "rate_limited" });
    await reply(botReplies.rateLimited(deps.slack.rateLimitPerMinute));
    return "rate_limited";
  }

  const runId = deps.newRunId();
  const [placeholder] = await Promise.all([
    client.chat.postMessage({ channel: incoming.channel, thread_ts: incoming.threadTs, ...progressBlocks(botReplies.placeholder) }),
    incoming.messageTs
      ? client.reactions.add({ channel: incoming.channel, timestamp: incoming.messageTs, name: "eyes" }).catch((error: unknown) => {
          logger.debug({ err: error }, "could not react to the question");
        })
      : undefined,
  ]);
  const placeholderTs = placeholder.ts;
  if (!placeholderTs) throw new Error("Slack accepted the placeholder but returned no ts");

  const job: AskJob = {
    runId,
    question: incoming.question,
    asker: incoming.user,
    surface: incoming.surface,
    channel: incoming.channel,
    threadTs: incoming.threadTs,
    newThread: incoming.messageTs === incoming.threadTs || incoming.surface === "slash",
    placeholderTs,
    eventAt: incoming.eventAt,
  };
  try {
    await withTimeout(
      Promise.all([
        redis.set(threadKey(keyPrefix, incoming.channel, incoming.threadTs), "1", "EX", threadTtlSeconds),
        deps.questions.add("ask", job, { ...deps.askJobOptions, jobId: jobId("ask", incoming.dedupeKeys[0] ?? runId) }),
      ]),
      enqueueTimeoutMs,
    );
  } catch (error) {
    logger.warn({ err: error, run: runId }, "could not enqueue the question");
    metrics.errors.inc({ kind: "enqueue_failed" });
    await client.chat.update({ channel: incoming.channel, ts: placeholderTs, ...progressBlocks(botReplies.unavailable) });
    return "unavailable";
  }
  metrics.questions.inc({ surface: incoming.surface });
  logger.info({ run: runId, surface: incoming.surface, channel: incoming.channel }, "question accepted");
  return "accepted";
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
