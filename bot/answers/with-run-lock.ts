import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const releaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Runs `work` while holding a short Redis lock on one run, so a progress
 * update and the final answer for the same placeholder never interleave.
 */
export async function withRunLock<T>(redis: Redis, key: string, work: () => Promise<T>, options: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
  const ttlMs = options.ttlMs ?? 15_000;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  const token = randomUUID();
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    if ((await redis.set(key, token, "PX", ttlMs, "NX")) === "OK") break;
    if (Date.now() > deadline) throw new Error(`another process held ${key} for too long`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  try {
    return await work();
  } finally {
    await redis.eval(releaseScript, 1, key, token);
  }
}
