import type { Redis } from "ioredis";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import type { AwaitingEcho } from "./pending-question.js";
import { runKeys } from "./run-keys.js";
import { threadKey } from "./thread-key.js";
import { withTimeout } from "./with-timeout.js";

/**
 * One round trip, atomic. With ARGV[8] = '1' (a reply that counts only in a
 * thread Skiff answers in), a thread not marked as Skiff's returns -3 and
 * marks nothing. Then: mark every dedupe key seen (with the run of the
 * question it first arrived as); if any had been seen, it is a duplicate: -2
 * when that question is still pending (admitted, not yet answered: the
 * reconciler drives it), else -1. A duplicate is never counted against the
 * asker. Otherwise count the question
 * in the asker's rolling minute; only within the limit, record it as pending
 * (what the reconciler re-drives if the bot dies before the rest) and mark
 * the thread as Skiff's. Returns the asker's count including this question
 * (over the limit: not admitted).
 *
 * KEYS: seen keys (ARGV[1] of them), rate window, pending hash, pending index, [thread].
 * ARGV: seen-key count, seen TTL s, window ms, limit, run id, pending record JSON, thread TTL s, thread required.
 */
const admitScript = `
local n = tonumber(ARGV[1])
local thread = KEYS[n + 4]
if ARGV[8] == '1' and (not thread or redis.call('exists', thread) == 0) then return -3 end
local first = nil
for i = 1, n do
  first = first or redis.call('get', KEYS[i])
end
for i = 1, n do
  redis.call('set', KEYS[i], first or ARGV[5], 'EX', ARGV[2], 'NX')
end
if first then
  if redis.call('hexists', KEYS[n + 2], first) == 1 then return -2 end
  return -1
end
local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[3])
local rate = KEYS[n + 1]
redis.call('zremrangebyscore', rate, '-inf', now - window)
local count = redis.call('zcard', rate) + 1
if count > tonumber(ARGV[4]) then return count end
redis.call('zadd', rate, now, ARGV[5])
redis.call('pexpire', rate, window)
redis.call('hset', KEYS[n + 2], ARGV[5], ARGV[6])
redis.call('zadd', KEYS[n + 3], now, ARGV[5])
if thread then redis.call('set', thread, '1', 'EX', ARGV[7]) end
return count`;

/**
 * Takes back an admission the bot gave up waiting for (it told the asker
 * Skiff can't take questions): only this admission's own record, and its
 * place in the asker's minute. Sent on the same connection after the
 * admission, so Redis runs it after the admission if that ever arrives.
 */
const withdrawScript = `
if redis.call('hget', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('hdel', KEYS[1], ARGV[1])
redis.call('zrem', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
return 1`;

export type Admission =
  /** `pending`: the question it first arrived as is admitted and not yet answered, so it is being (or will be) driven to its answer. */
  | { kind: "duplicate"; pending: boolean }
  | { kind: "rate_limited"; countThisMinute: number }
  | { kind: "admitted"; countThisMinute: number }
  /** A reply in a thread that is not Skiff's: not a question at all. */
  | { kind: "not_ours" };

/** What is recorded as pending: the AskJob, or an /ask question whose echo (and so its thread) is still to be posted. */
export type PendingRecord = AskJob | AwaitingEcho;

export interface QuestionToAdmit {
  user: string;
  /** Every id Slack may deliver the question under; all map to the first's run. */
  dedupeKeys: readonly string[];
  perMinute: number;
  record: PendingRecord;
  /** Admit only if the record's thread is one Skiff answers in (a follow-up reply), checked in the same round trip. */
  onlyInSkiffThread?: boolean;
}

/**
 * Admission waits at most this long for Redis: it happens before Slack is
 * acknowledged, and the ack must reach Slack within 3 s.
 */
export const admissionTimeoutMs = 1_500;

const seenTtlSeconds = 86_400;
const rateWindowMs = 60_000;
/** How long a thread stays Skiff's (replies in it are follow-ups) after its last question. */
export const threadTtlSeconds = 30 * 86_400;

/**
 * Dedupe on every id Slack may deliver the question under, apply the per-user
 * limit over the last 60 s, and record the admitted question as pending, all
 * in one round trip: after this returns `admitted`, a crash before anything
 * else leaves the question for the reconciler instead of losing it. Rejects
 * when Redis fails or does not answer within `timeoutMs`.
 */
export async function admitQuestion(redis: Redis, keyPrefix: string, question: QuestionToAdmit, options: { timeoutMs?: number } = {}): Promise<Admission> {
  const { record } = question;
  const run = runKeys(keyPrefix, record.runId);
  const thread = "threadTs" in record ? [threadKey(keyPrefix, record.channel, record.threadTs)] : [];
  const keys = [...question.dedupeKeys.map((key) => `${keyPrefix}:seen:${key}`), `${keyPrefix}:rate:${question.user}`, run.pending, run.pendingAt, ...thread];
  const admitted = redis.eval(
    admitScript,
    keys.length,
    ...keys,
    question.dedupeKeys.length,
    seenTtlSeconds,
    rateWindowMs,
    question.perMinute,
    record.runId,
    JSON.stringify(record),
    threadTtlSeconds,
    question.onlyInSkiffThread ? "1" : "0",
  );
  const result = Number(await withTimeout(admitted, options.timeoutMs ?? admissionTimeoutMs, "Redis (admitting a question)"));
  if (result === -3) return { kind: "not_ours" };
  if (result < 0) return { kind: "duplicate", pending: result === -2 };
  return result > question.perMinute ? { kind: "rate_limited", countThisMinute: result } : { kind: "admitted", countThisMinute: result };
}

/** Undoes an admission that may or may not have happened (see withdrawScript); resolves whether there was one to undo. */
export async function withdrawAdmission(redis: Redis, keyPrefix: string, question: Pick<QuestionToAdmit, "user" | "record">): Promise<boolean> {
  const run = runKeys(keyPrefix, question.record.runId);
  return Number(await redis.eval(withdrawScript, 3, run.pending, run.pendingAt, `${keyPrefix}:rate:${question.user}`, question.record.runId, JSON.stringify(question.record))) === 1;
}
