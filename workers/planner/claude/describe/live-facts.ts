/**
 * Live facts (row counts, distinct values) cached across runs of one planner,
 * so a model that describes the same table on every question pays for the
 * query once per `ttlMs`. Failures are not cached.
 */
export interface LiveFacts {
  get(key: string, fetch: () => Promise<string>): Promise<string>;
}

export function createLiveFacts(options: { ttlMs: number; now?: () => number }): LiveFacts {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; text: string }>();
  return {
    async get(key, fetch) {
      const hit = cache.get(key);
      if (hit && now() - hit.at < options.ttlMs) return hit.text;
      const text = await fetch();
      cache.set(key, { at: now(), text });
      return text;
    },
  };
}
