import type { Redis } from "ioredis";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import { threadKey } from "./thread-key.js";
import { runKeys } from "./run-keys.js";

/**
 * One round trip, atomic: mark every dedupe key seen; only when none had been
 * seen before, count the question in the asker's rolling minute; only when
 * that is within the limit, record it as pending (admitted, not yet answered:
 * what the reconciler re-drives if the bot dies before the enqueue) and mark
 * the thread as Skiff's. Returns -1 for a duplicate, else the asker's count
 * including this question (over the limit: not admitted).
 *
 * KEYS: seen keys (ARGV[1] of them), rate window, pending hash, pending index, thread.
 * ARGV: seen-key count, seen TTL s, window ms, limit, run id, AskJob JSON, thread TTL s.
 */
const admitScript = `
local n = tonumber(ARGV[1])
local duplicate = false
for i = 1, n do
  if not redis.call('set', KEYS[i], ARGV[5], 'EX', ARGV[2], 'NX') then duplicate = true end
end
if duplicate then return -1 end
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
redis.call('set', KEYS[n + 4], '1', 'EX', ARGV[7])
return count`;

export type Admission = { kind: "duplicate" } | { kind: "rate_limited"; countThisMinute: number } | { kind: "admitted"; countThisMinute: number };

const seenTtlSeconds = 86_400;
const rateWindowMs = 60_000;
const threadTtlSeconds = 30 * 86_400;

/**
 * Dedupe on every id Slack may deliver the question under, apply the per-user
 * limit over the last 60 s, and record the admitted question as pending with
 * its AskJob, all at once: after this returns `admitted`, a crash before the
 * enqueue leaves the question for the reconciler instead of losing it.
 */
export async function admitQuestion(
  redis: Redis,
  keyPrefix: string,
  question: { user: string; dedupeKeys: readonly string[]; perMinute: number; job: AskJob },
): Promise<Admission> {
  const { job } = question;
  const run = runKeys(keyPrefix, job.runId);
  const keys = [
    ...question.dedupeKeys.map((key) => `${keyPrefix}:seen:${key}`),
    `${keyPrefix}:rate:${question.user}`,
    run.pending,
    run.pendingAt,
    threadKey(keyPrefix, job.channel, job.threadTs),
  ];
  const result = Number(
    await redis.eval(admitScript, keys.length, ...keys, question.dedupeKeys.length, seenTtlSeconds, rateWindowMs, question.perMinute, job.runId, JSON.stringify(job), threadTtlSeconds),
  );
  if (result < 0) return { kind: "duplicate" };
  return result > question.perMinute ? { kind: "rate_limited", countThisMinute: result } : { kind: "admitted", countThisMinute: result };
}
