import { randomUUID } from "node:crypto";
import type { webApi } from "@slack/bolt";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import { threadStateTtlSeconds } from "../answers/claim-placeholder.js";
import type { BotDeps } from "../bot-deps.js";
import { escapeMrkdwn } from "../render/escape-mrkdwn.js";
import { slackMessage } from "../render/slack-message.js";
import { userMention } from "../render/user-mention.js";
import { findQuestionEcho, questionEchoMetadata } from "../slack/find-question-echo.js";
import { placeholderPostLockMs } from "../slack/slack-call-limits.js";
import { slackRefused } from "../slack/slack-refused.js";
import { threadTtlSeconds } from "./admit-question.js";
import type { AwaitingEcho } from "./pending-question.js";
import { runKeys } from "./run-keys.js";
import { threadKey } from "./thread-key.js";

/**
 * KEYS: pending hash, echo mark, run lock. ARGV: run id, token, lock ms, mark TTL s.
 * {0}: no longer pending. {3}: someone else is posting it. {1, mark}: ours to
 * post, with what an earlier try left (nil, "?" for a post whose outcome was
 * lost, or the echo's ts); a post about to happen is marked "?".
 */
const claimScript = `
if redis.call('hexists', KEYS[1], ARGV[1]) == 0 then return {0} end
if not redis.call('set', KEYS[3], ARGV[2], 'PX', ARGV[3], 'NX') then return {3} end
local mark = redis.call('get', KEYS[2])
if not mark then redis.call('set', KEYS[2], '?', 'EX', ARGV[4]) end
return {1, mark}`;

/**
 * KEYS: pending hash, echo mark, run lock, the echo's thread. ARGV: run id,
 * token, echo ts, AskJob JSON, mark TTL s, thread TTL s. Records the echo and
 * turns the pending record into the AskJob under it, then drops the lock if
 * still ours. 0: recorded; 1: no longer pending; 2: another echo was recorded
 * while this claim's lock had lapsed.
 */
const recordScript = `
local current = redis.call('get', KEYS[2])
local result = 0
if current and current ~= '?' and current ~= ARGV[3] then result = 2
elseif redis.call('hexists', KEYS[1], ARGV[1]) == 0 then result = 1
else
  redis.call('set', KEYS[2], ARGV[3], 'EX', ARGV[5])
  redis.call('hset', KEYS[1], ARGV[1], ARGV[4])
  redis.call('set', KEYS[4], '1', 'EX', ARGV[6])
end
if redis.call('get', KEYS[3]) == ARGV[2] then redis.call('del', KEYS[3]) end
return result`;

/**
 * KEYS: pending hash, pending index, echo mark, run lock, asker's rate window.
 * ARGV: run id, token. Slack refused the echo: the question is taken back
 * (and not counted against the asker) unless another echo is recorded.
 */
const refusedScript = `
local current = redis.call('get', KEYS[3])
local result = 0
if current and current ~= '?' then result = 2
else
  redis.call('hdel', KEYS[1], ARGV[1])
  redis.call('zrem', KEYS[2], ARGV[1])
  redis.call('zrem', KEYS[5], ARGV[1])
  redis.call('del', KEYS[3])
end
if redis.call('get', KEYS[4]) == ARGV[2] then redis.call('del', KEYS[4]) end
return result`;

const releaseScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export type EchoOutcome =
  /** The echo is in the channel (posted now, found again, or recorded earlier): `job` is the question's AskJob, under it. */
  | { kind: "posted"; job: AskJob }
  /** Slack refused the post (not in the channel, 429): the question is no longer pending; tell the asker. */
  | { kind: "refused"; error: unknown }
  /** Nothing to do here: the question is no longer pending, or another poster holds or recorded its echo. */
  | { kind: "elsewhere" };

/**
 * Posts the "<@asker> asked: …" message an /ask question's answer lives under,
 * a step that may be redone like the placeholder: under the run's lock, marked
 * before it goes out, looked for in the channel (by its metadata) if a poster
 * died mid-call. The listener runs it after the ack; the reconciler runs it
 * for a question whose bot died first. A post whose outcome is unknown throws
 * and stays marked for the next try.
 */
export async function postQuestionEcho(deps: Pick<BotDeps, "redis" | "keyPrefix">, client: webApi.WebClient, question: AwaitingEcho): Promise<EchoOutcome> {
  const { redis, keyPrefix } = deps;
  const keys = runKeys(keyPrefix, question.runId);
  const token = randomUUID();
  const [state, mark] = (await redis.eval(claimScript, 3, keys.pending, keys.echo, keys.lock, question.runId, token, placeholderPostLockMs, threadStateTtlSeconds)) as [
    number,
    string | null | undefined,
  ];
  if (state !== 1) return { kind: "elsewhere" };

  let ts = mark && mark !== "?" ? mark : undefined;
  let posted = false;
  try {
    if (!ts && mark === "?") ts = await findQuestionEcho(client, question);
    if (!ts) {
      try {
        const message = await client.chat.postMessage({
          channel: question.channel,
          ...slackMessage(`${userMention(question.asker)} asked: ${escapeMrkdwn(question.question)}`),
          metadata: questionEchoMetadata(question.runId),
          unfurl_links: false,
          unfurl_media: false,
        });
        ts = message.ts;
        posted = true;
      } catch (error) {
        if (!slackRefused(error)) throw error;
        const taken = await redis.eval(refusedScript, 5, keys.pending, keys.pendingAt, keys.echo, keys.lock, `${keyPrefix}:rate:${question.asker}`, question.runId, token);
        return Number(taken) === 0 ? { kind: "refused", error } : { kind: "elsewhere" };
      }
      if (!ts) throw new Error("Slack accepted the /ask echo but returned no ts");
    }
  } catch (error) {
    // Outcome unknown: the mark stays, so the next try looks for the echo before posting another.
    await redis.eval(releaseScript, 1, keys.lock, token).catch(() => undefined);
    throw error;
  }

  const { awaiting: _awaiting, ...fields } = question;
  const job: AskJob = { ...fields, threadTs: ts };
  const recorded = Number(
    await redis.eval(recordScript, 4, keys.pending, keys.echo, keys.lock, threadKey(keyPrefix, question.channel, ts), question.runId, token, ts, JSON.stringify(job), threadStateTtlSeconds, threadTtlSeconds),
  );
  if (recorded === 2 && posted) {
    // This post outlived its lock and another echo is the question's thread: take this one back.
    await client.chat.delete({ channel: question.channel, ts }).catch(() => undefined);
  }
  return recorded === 0 ? { kind: "posted", job } : { kind: "elsewhere" };
}
