import type { FakeSlack } from "../../test/fakes/slack/start-fake-slack.js";
import type { ChaosQuestion } from "./chaos-question.js";
import type { SettleProbe } from "./create-settle-probe.js";
import type { SlackLedger } from "./create-slack-ledger.js";

/** Once everything is quiet, how long nothing may change before the unanswered questions count as lost. */
const quietForMs = 10_000;
/** Once every question has its answer, how long to keep watching for a second one. */
const strayWindowMs = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, polling every 250 ms, until every question has its final answer
 * and Skiff is idle (nothing pending, queued, running or delayed) for a few
 * seconds more; or Skiff is idle and Slack has seen no call for 10 s (what
 * is unanswered then stays so); or `deadline`. Nothing counts as settled
 * while `busy()` (deliveries or the fault still under way). Resolves with a
 * note when it stopped short of every answer.
 */
export async function waitForAnswers(options: { questions: readonly ChaosQuestion[]; fake: FakeSlack; ledger: SlackLedger; probe: SettleProbe; deadline: number; busy: () => boolean }): Promise<string | undefined> {
  const { questions, fake, ledger, probe } = options;
  const started = performance.now();
  let lastChange = started;
  let lastCalls = fake.calls.length;
  let settledSince: number | undefined;
  for (;;) {
    await sleep(250);
    const now = performance.now();
    if (fake.calls.length !== lastCalls) {
      lastCalls = fake.calls.length;
      lastChange = now;
    }
    if (now > options.deadline) return `stopped waiting at the scenario's deadline, ${Math.round((now - started) / 1000)} s after the burst`;
    if (options.busy()) continue;
    if (!(await probe.idle())) {
      settledSince = undefined;
      continue;
    }
    const unanswered = questions.filter((q) => ledger.finalsIn(q.channel, q.ts).length === 0).length;
    settledSince ??= now;
    if (unanswered === 0 && now - settledSince > strayWindowMs) return undefined;
    if (now - lastChange > quietForMs) return `${unanswered} questions unanswered with Skiff idle for ${quietForMs / 1000} s`;
  }
}
