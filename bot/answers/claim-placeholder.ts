import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { placeholderLockMs } from "../slack/slack-call-limits.js";

/** 2: the placeholder already holds the final answer. 1: locked for us. 0: someone else holds it. */
const claimScript = `
if redis.call('exists', KEYS[2]) == 1 then return 2 end
if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
return 0`;

/** Marks the placeholder answered when asked to, then drops the lock if it is still ours. */
const releaseScript = `
if ARGV[2] ~= '0' then redis.call('set', KEYS[2], '1', 'EX', ARGV[2]) end
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

export interface PlaceholderKeys {
  /** Held while one update is in flight. */
  lock: string;
  /** Set once the final answer is in; later updates leave the placeholder alone. */
  answered: string;
}

export interface PlaceholderClaim {
  /** Releases the lock; `answeredTtlSeconds` also marks the placeholder answered, in the same round trip. */
  release(answeredTtlSeconds?: number): Promise<void>;
}

/**
 * Takes the lock on one run's placeholder so a progress update and the final
 * answer never interleave, checking in the same round trip whether the final
 * answer is already in. Resolves `"answered"` then, and waits (with backoff)
 * while another process holds the lock.
 */
export async function claimPlaceholder(redis: Redis, keys: PlaceholderKeys, options: { ttlMs?: number; waitMs?: number } = {}): Promise<PlaceholderClaim | "answered"> {
  const ttlMs = options.ttlMs ?? placeholderLockMs;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  const token = randomUUID();
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    const state = Number(await redis.eval(claimScript, 2, keys.lock, keys.answered, token, ttlMs));
    if (state === 2) return "answered";
    if (state === 1) break;
    if (Date.now() > deadline) throw new Error(`another process held ${keys.lock} for too long`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return {
    async release(answeredTtlSeconds = 0) {
      await redis.eval(releaseScript, 2, keys.lock, keys.answered, token, answeredTtlSeconds);
    },
  };
}
