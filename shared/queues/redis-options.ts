/** Connection settings both ioredis and BullMQ accept. */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  retryStrategy: (times: number) => number;
  maxRetriesPerRequest?: number | null;
  enableOfflineQueue?: boolean;
  connectTimeout?: number;
  commandTimeout?: number;
}

/**
 * Connection settings from a `redis://` or `rediss://` URL. Reconnects back
 * off to one second, so a role recovers soon after Redis returns.
 */
export function redisOptions(url: string, overrides: Partial<RedisConnectionOptions> = {}): RedisConnectionOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, "");
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
    ...overrides,
  };
}

/** For connections BullMQ workers block on: commands wait out a reconnect instead of failing. */
export function workerRedisOptions(url: string): RedisConnectionOptions {
  return redisOptions(url, { maxRetriesPerRequest: null });
}
