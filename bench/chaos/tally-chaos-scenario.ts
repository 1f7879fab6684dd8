import type { SlackCall } from "../../test/fakes/slack/start-fake-slack.js";
import { answersInThread } from "../../test/fixtures/slack-stack.js";
import { botReplies } from "../../bot/ask/bot-replies.js";
import { escapeMrkdwn } from "../../bot/render/escape-mrkdwn.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import { answerNumbers } from "./answer-numbers.js";
import type { ChaosQuestion } from "./chaos-question.js";
import type { ChaosRow } from "./chaos-row.js";
import type { SlackLedger } from "./create-slack-ledger.js";
import type { TruthOracle } from "./create-truth-oracle.js";
import { percentile } from "./percentile.js";

type Verdict = { kind: "right" } | { kind: "honest"; message: string } | { kind: "wrong"; detail: string } | { kind: "mismatch"; detail: string };

export interface TallyInput {
  questions: readonly ChaosQuestion[];
  calls: readonly SlackCall[];
  ledger: SlackLedger;
  runStore: RunStore;
  oracle: TruthOracle;
  /** Sources each question reads, fault-free. */
  sourcesOf: (question: string) => readonly string[];
  /** The sources the scenario breaks, if it says. */
  breaks: readonly string[] | undefined;
  /** Whether a "can't take questions right now" reply is expected (Redis away). */
  mayRefuse: boolean;
  burstAt: number;
  faultAt: number | undefined;
  /** When the fault was over (the process restarted, Redis back). */
  faultEndedAt: number | undefined;
}

type Counts = Omit<ChaosRow, "number" | "name" | "fault" | "redis" | "notes" | "problems" | "skipped">;

const unavailable = escapeMrkdwn(botReplies.unavailable);
const blocksOf = (call: SlackCall) => (call.params.blocks ?? []) as Array<{ type: string }>;

/** Reads what Slack was left holding, thread by thread, and judges each final message against the fault-free answer. */
export async function tallyChaosScenario(input: TallyInput): Promise<Counts & { notes: string[]; problems: string[] }> {
  const { questions, calls, ledger } = input;
  const counts: Counts = { sent: questions.length, answeredOnce: 0, right: 0, honest: 0, refused: 0, lost: 0, duplicated: 0, reUpdated: 0, wrong: 0, mismatched: 0, p50Ms: NaN, p99Ms: NaN, recoveryMs: undefined, drainedMs: undefined };
  const problems: string[] = [];
  const failures = new Map<string, number>();
  const latencies: number[] = [];
  const threadCalls = new Map<string, SlackCall[]>();
  const threadOf = new Map<string, string>();
  for (const call of calls) {
    if (call.method === "chat.postMessage" && typeof call.params.thread_ts === "string" && typeof call.response.ts === "string") {
      threadOf.set(`${String(call.params.channel)} ${call.response.ts}`, call.params.thread_ts);
    }
  }
  for (const call of calls) {
    const channel = String(call.params.channel);
    // A reply names its thread; an update or delete names the placeholder; a reaction names the question's message.
    const ts = String(call.params.thread_ts ?? call.params.timestamp ?? call.params.ts);
    const key = `${channel} ${threadOf.get(`${channel} ${ts}`) ?? ts}`;
    threadCalls.set(key, [...(threadCalls.get(key) ?? []), call]);
  }
  const describe = (q: ChaosQuestion) => {
    const d = q.delivery;
    const delivery = d ? `${d.attempts} deliveries (${d.failures.join(", ") || "first acked"}), ${d.ackedAt === undefined ? "never acknowledged" : "acknowledged"}` : "not delivered";
    const seen = (threadCalls.get(`${q.channel} ${q.ts}`) ?? []).map((c) => `${c.method}${c.response.ok === true ? "" : `✗${String(c.response.error)}`}`);
    return `${q.channel} ${q.ts} "${q.question}": ${delivery}; thread calls: ${seen.join(", ") || "none"}`;
  };

  const judge = async (q: ChaosQuestion, answer: SlackCall): Promise<Verdict> => {
    const text = typeof answer.params.text === "string" ? answer.params.text : "";
    if (!blocksOf(answer).some((b) => b.type === "actions")) return { kind: "honest", message: text };
    const runId = /run `([^`]+)`/.exec(JSON.stringify(answer.params.blocks))?.[1];
    const record = runId ? await input.runStore.get(runId) : undefined;
    if (!record) return { kind: "wrong", detail: `an answer whose run ${runId ?? "(no id)"} has no record` };
    if (record.caveats.some((c) => c.kind === "partial")) return { kind: "honest", message: `partial: ${text}` };
    const said = answerNumbers(text).join(" ");
    const truth = await input.oracle.answer(q.question, new Date(record.asOf));
    if (said === answerNumbers(truth).join(" ")) return { kind: "right" };
    // Not the number as of its run's as-of: is it the number as of some instant while the question was being answered (another attempt's)?
    const from = Math.floor((performance.timeOrigin + (q.delivery?.firstAt ?? 0)) / 1000) * 1000;
    for (let at = from; at <= answer.at + 1000; at += 1000) {
      if (answerNumbers(await input.oracle.answer(q.question, new Date(at))).join(" ") !== said) continue;
      return { kind: "mismatch", detail: `Slack says "${text}", right as of ${new Date(at).toISOString()}, but its run record ${record.id} is as of ${record.asOf} and says "${record.answer}"` };
    }
    return { kind: "wrong", detail: `Slack says "${text}", fault-free as of its run's as-of ${record.asOf}: "${truth}" (and no instant between the event and the answer gives Slack's numbers)` };
  };

  let recoveredAt: number | undefined;
  let lastAt: number | undefined;
  let refusedThenAnswered = 0;
  /** For a scenario that breaks sources: event-to-answer of the questions reading one, of the others, and the broken ones' run durations. */
  const split = { broken: [] as number[], spared: [] as number[], runMs: [] as number[] };
  const readsBroken = (q: ChaosQuestion) => input.sourcesOf(q.question).some((s) => input.breaks?.includes(s));
  for (const q of questions) {
    const answers = answersInThread(calls, q.channel, q.ts);
    const times = ledger.finalsIn(q.channel, q.ts);
    const first = times[0];
    const replies = (threadCalls.get(`${q.channel} ${q.ts}`) ?? []).filter((c) => c.method === "chat.postMessage" && c.response.ok === true);
    const wasRefused = replies.some((c) => c.params.text === unavailable);
    if (wasRefused && answers.length > 0) refusedThenAnswered += 1;
    if (input.breaks && answers[0]) {
      const runId = /run `([^`]+)`/.exec(JSON.stringify(answers[0].params.blocks))?.[1];
      const record = runId && readsBroken(q) ? await input.runStore.get(runId) : undefined;
      if (record) split.runMs.push(record.durationMs);
    }
    if (first !== undefined && q.delivery) {
      latencies.push(first - q.delivery.firstAt);
      if (input.breaks) (readsBroken(q) ? split.broken : split.spared).push(first - q.delivery.firstAt);
      lastAt = Math.max(lastAt ?? first, first);
      // Recovery: the first answer, once the fault is over, to a question Slack had handed over before it.
      const ackedBefore = q.delivery.ackedAt !== undefined && input.faultAt !== undefined && q.delivery.ackedAt < input.faultAt;
      if (ackedBefore && input.faultEndedAt !== undefined && first > input.faultEndedAt) recoveredAt = Math.min(recoveredAt ?? first, first);
    }
    if (answers.length === 0) {
      if (wasRefused) {
        counts.refused += 1;
        if (!input.mayRefuse) problems.push(`refused though Redis was up: ${describe(q)}`);
      } else {
        counts.lost += 1;
        problems.push(`lost: ${describe(q)}`);
      }
      continue;
    }
    const verdicts = await Promise.all(answers.map((a) => judge(q, a)));
    if (answers.length > 1) {
      counts.duplicated += 1;
      // The same answer written again over the same message shows one answer (edited); two messages show two.
      const sameMessage = answers.every((a) => a.method === "chat.update" && a.params.ts === answers[0]?.params.ts && a.params.text === answers[0]?.params.text);
      if (sameMessage) counts.reUpdated += 1;
      const gap = Math.round(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 100) / 10;
      problems.push(`duplicated (${answers.length} final ${sameMessage ? `updates of one message with the same answer, ${gap} s apart` : "messages"}): ${describe(q)}`);
    } else counts.answeredOnce += 1;
    const wrong = verdicts.find((v) => v.kind === "wrong");
    const mismatch = verdicts.find((v) => v.kind === "mismatch");
    const honest = verdicts.find((v) => v.kind === "honest");
    if (wrong?.kind === "wrong") {
      counts.wrong += 1;
      problems.push(`wrong: ${wrong.detail}; ${describe(q)}`);
    } else if (mismatch?.kind === "mismatch") {
      counts.mismatched += 1;
      problems.push(`answer and run record disagree: ${mismatch.detail}; ${describe(q)}`);
    } else if (answers.length === 1 && honest?.kind === "honest") {
      counts.honest += 1;
      const message = honest.message.replace(/r_[A-Za-z0-9]+/g, "r_…").slice(0, 160);
      failures.set(message, (failures.get(message) ?? 0) + 1);
      const spared = input.breaks && !input.sourcesOf(q.question).some((s) => input.breaks?.includes(s));
      if (spared) problems.push(`failed though the fault spares its sources (${input.sourcesOf(q.question).join(", ")}): ${honest.message}; ${describe(q)}`);
    } else if (answers.length === 1) counts.right += 1;
  }
  counts.p50Ms = percentile(latencies, 50);
  counts.p99Ms = percentile(latencies, 99);
  const from = input.faultAt ?? input.burstAt;
  counts.recoveryMs = recoveredAt === undefined || input.faultAt === undefined ? undefined : recoveredAt - input.faultAt;
  counts.drainedMs = lastAt === undefined ? undefined : lastAt - from;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const notes: string[] = [];
  if (input.breaks) {
    const broken = input.breaks.join(", ");
    notes.push(`questions reading ${broken}: ${split.broken.length}, event-to-answer p50 ${seconds(percentile(split.broken, 50))} / p99 ${seconds(percentile(split.broken, 99))}, longest run ${seconds(Math.max(0, ...split.runMs))}; the others: p50 ${seconds(percentile(split.spared, 50))} / p99 ${seconds(percentile(split.spared, 99))}`);
  }
  if (refusedThenAnswered > 0) notes.push(`${refusedThenAnswered} threads told "can't take questions right now" were answered anyway (admitted as Redis died)`);
  notes.push(...[...failures.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([message, n]) => `${n} × ${message}`));
  return { ...counts, notes, problems };
}
