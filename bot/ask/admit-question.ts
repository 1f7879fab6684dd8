import type { Redis } from "ioredis";

/**
 * Marks every dedupe key seen and, only when none had been seen before,
 * counts the question against the asker's per-minute window, in one round
 * trip. Returns -1 for a duplicate, else the asker's count in the window.
 */
const admitScript = `
local duplicate = false
for i = 1, #KEYS - 1 do
  if not redis.call('set', KEYS[i], '1', 'EX', ARGV[1], 'NX') then duplicate = true end
end
if duplicate then return -1 end
local count = redis.call('incr', KEYS[#KEYS])
if count == 1 then redis.call('expire', KEYS[#KEYS], ARGV[2]) end
return count`;

export type Admission = { kind: "duplicate" } | { kind: "counted"; countThisMinute: number };

const seenTtlSeconds = 86_400;
const rateWindowTtlSeconds = 120;

/** Dedupe on every id Slack may deliver the question under, then apply the per-user rate window (wall-clock minutes). */
export async function admitQuestion(redis: Redis, keyPrefix: string, question: { user: string; dedupeKeys: readonly string[] }): Promise<Admission> {
  // Wall time, not the answer clock: a pinned clock must not freeze the limit's window.
  const minute = Math.floor(Date.now() / 60_000);
  const keys = [...question.dedupeKeys.map((key) => `${keyPrefix}:seen:${key}`), `${keyPrefix}:rate:${question.user}:${minute}`];
  const result = Number(await redis.eval(admitScript, keys.length, ...keys, seenTtlSeconds, rateWindowTtlSeconds));
  return result < 0 ? { kind: "duplicate" } : { kind: "counted", countThisMinute: result };
}
