import type { SlackCall } from "../../test/fakes/slack/start-fake-slack.js";
import { isFinalAnswer } from "../../test/fixtures/slack-stack.js";

export interface SlackLedger {
  /** For the fake Slack's onCall. */
  record(call: SlackCall): void;
  /** performance.now() of each final answer Slack accepted in the thread, in order. */
  finalsIn(channel: string, threadTs: string): readonly number[];
  /** performance.now() of the latest final answer anywhere. */
  lastFinalAt(): number | undefined;
}

/**
 * When each final answer reached Slack, per thread, as the calls arrive: a
 * placeholder (or any reply) Slack accepted is mapped to its thread, and a
 * final answer is a chat.update of one of those or a reply carrying the
 * answer blocks. The counts themselves are taken from the recorded calls.
 */
export function createSlackLedger(): SlackLedger {
  const threadOf = new Map<string, string>();
  const finals = new Map<string, number[]>();
  let last: number | undefined;
  return {
    record(call) {
      if (call.response.ok !== true) return;
      const channel = String(call.params.channel);
      let thread: string | undefined;
      if (call.method === "chat.postMessage" && typeof call.params.thread_ts === "string") {
        thread = `${channel} ${call.params.thread_ts}`;
        if (typeof call.response.ts === "string") threadOf.set(`${channel} ${call.response.ts}`, thread);
      } else if (call.method === "chat.update") {
        thread = threadOf.get(`${channel} ${String(call.params.ts)}`);
      }
      if (!thread || !isFinalAnswer(call.params)) return;
      last = performance.now();
      finals.set(thread, [...(finals.get(thread) ?? []), last]);
    },
    finalsIn: (channel, threadTs) => finals.get(`${channel} ${threadTs}`) ?? [],
    lastFinalAt: () => last,
  };
}
