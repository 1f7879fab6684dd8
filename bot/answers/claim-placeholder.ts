import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { RunKeys } from "../ask/run-keys.js";
import { placeholderLockMs } from "../slack/slack-call-limits.js";

/**
 * {2}: the thread already holds the final answer. {1, value|nil}: locked for
 * us, with the placeholder's ts (or "?", a post whose outcome was lost). {0}:
 * someone else holds it. ARGV[4] = '1' marks a post about to happen ("?")
 * when no placeholder is known, so a crash mid-post leaves a trace.
 */
const claimScript = `
if redis.call('exists', KEYS[2]) == 1 then return {2} end
if not redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {0} end
local placeholder = redis.call('get', KEYS[3])
if ARGV[4] == '1' and not placeholder then redis.call('set', KEYS[3], '?', 'EX', ARGV[3]) end
return {1, placeholder}`;

/**
 * Marks the thread answered (and the question no longer pending) when asked
 * to; records a newly posted placeholder unless the thread was answered or
 * another placeholder was recorded meanwhile (only after this claim's lock
 * lapsed), or forgets a post Slack refused; then drops the lock if it is
 * still ours. Returns 1 or 2 when the new placeholder was not recorded
 * (answered, another one), else 0.
 */
const releaseScript = `
local result = 0
if ARGV[2] ~= '0' then
  redis.call('set', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('hdel', KEYS[4], ARGV[5])
  redis.call('zrem', KEYS[5], ARGV[5])
end
local current = redis.call('get', KEYS[3])
if ARGV[3] == '-' then
  if current == '?' then redis.call('del', KEYS[3]) end
elseif ARGV[3] ~= '' then
  if redis.call('exists', KEYS[2]) == 1 then result = 1
  elseif current and current ~= '?' and current ~= ARGV[3] then result = 2
  else redis.call('set', KEYS[3], ARGV[3], 'EX', ARGV[4]) end
end
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
return result`;

/** How long a posted placeholder's ts is kept: as long as the thread's answered mark. */
export const threadStateTtlSeconds = 7 * 86_400;

export interface PlaceholderClaim {
  /** The placeholder's ts, when one was posted (by the accept path, the reconciler or a progress update). */
  placeholderTs: string | undefined;
  /** A post was under way when its poster died (or timed out): Slack may hold a placeholder Skiff has no ts for. */
  placeholderInDoubt: boolean;
  /**
   * Releases the lock in one round trip; `answeredTtlSeconds` also marks the
   * thread answered and takes the question off the pending list;
   * `placeholderTs` records a placeholder this claim posted (or found), and
   * `"none"` says the post this claim marked did not happen. Resolves
   * `"superseded"` when the placeholder was not recorded because the thread
   * got its answer, or another placeholder, while this claim's lock had
   * lapsed: the caller deletes the message it posted.
   */
  release(options?: { answeredTtlSeconds?: number; placeholderTs?: string }): Promise<"released" | "superseded">;
}

/**
 * Takes the lock on one run's thread so the placeholder's post, progress
 * updates and the final answer never interleave, checking in the same round
 * trip whether the final answer is already in (`"answered"`) and reading the
 * placeholder's ts. Waits (with backoff) while another process holds the
 * lock, for at most `waitMs` (0: one try).
 */
export async function claimPlaceholder(
  redis: Redis,
  keys: RunKeys,
  options: { ttlMs?: number; waitMs?: number; markPosting?: boolean } = {},
): Promise<PlaceholderClaim | "answered"> {
  const ttlMs = options.ttlMs ?? placeholderLockMs;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  const token = randomUUID();
  let placeholder: string | undefined;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    const [state, value] = (await redis.eval(claimScript, 3, keys.lock, keys.answered, keys.placeholder, token, ttlMs, threadStateTtlSeconds, options.markPosting ? "1" : "0")) as [
      number,
      string | null | undefined,
    ];
    if (state === 2) return "answered";
    if (state === 1) {
      placeholder = value ?? undefined;
      break;
    }
    if (Date.now() >= deadline) throw new Error(`another process held ${keys.lock} for too long`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return {
    placeholderTs: placeholder === "?" ? undefined : placeholder,
    placeholderInDoubt: placeholder === "?",
    async release(release = {}) {
      const result = await redis.eval(
        releaseScript,
        5,
        keys.lock,
        keys.answered,
        keys.placeholder,
        keys.pending,
        keys.pendingAt,
        token,
        release.answeredTtlSeconds ?? 0,
        release.placeholderTs === "none" ? "-" : (release.placeholderTs ?? ""),
        threadStateTtlSeconds,
        keys.runId,
      );
      return Number(result) === 0 ? "released" : "superseded";
    },
  };
}
