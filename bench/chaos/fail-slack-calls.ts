import type { FakeSlack, SlackFailure } from "../../test/fakes/slack/start-fake-slack.js";

/** How a failed call fails: a 5xx (the client retries it twice itself), a 429 with Retry-After 1 s, or HTTP 200 with `ok: false`. */
const kinds: { name: string; failure: SlackFailure; error: string }[] = [
  { name: "500", failure: { status: 500 }, error: "internal_error" },
  { name: "429", failure: { status: 429, retryAfterSeconds: 1 }, error: "ratelimited" },
  { name: "ok:false", failure: {}, error: "internal_error" },
];

/** The Web API methods the bot calls while it answers (auth.test at start-up is left alone). */
export const answeringMethods = ["chat.postMessage", "chat.update", "reactions.add", "conversations.replies", "chat.delete"] as const;

/**
 * From now on, each call to `methods` fails with probability `rate`, as one of
 * the three ways Slack fails (a third each); at most `budget` calls per
 * method and kind. One coin per call: the fake tries the queued failures in
 * order, and they all read the same coin through the call's params object.
 */
export function failSlackCalls(fake: FakeSlack, options: { rate: number; budget: number; methods?: readonly string[]; random?: () => number }): { failed(): Record<string, number> } {
  const random = options.random ?? Math.random;
  const coins = new WeakMap<Record<string, unknown>, number>();
  const counts: Record<string, number> = {};
  const coin = (params: Record<string, unknown>) => {
    let value = coins.get(params);
    if (value === undefined) {
      const r = random();
      value = r < options.rate ? Math.min(kinds.length - 1, Math.floor((r / options.rate) * kinds.length)) : -1;
      coins.set(params, value);
      const name = value < 0 ? undefined : kinds[value]?.name;
      if (name) counts[name] = (counts[name] ?? 0) + 1;
    }
    return value;
  };
  for (const method of options.methods ?? answeringMethods) {
    kinds.forEach((kind, index) => fake.failNext(method, kind.error, { ...kind.failure, times: options.budget, when: (params) => coin(params) === index }));
  }
  return { failed: () => ({ ...counts }) };
}
