import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunStore } from "../../shared/run-store/run-store.js";
import { startFakeSlack } from "../../test/fakes/slack/start-fake-slack.js";
import { testLinkSecret, testSigningSecret } from "../../test/fixtures/slack-stack.js";
import { chaosQuestions, type ChaosQuestion } from "./chaos-question.js";
import type { ChaosRow } from "./chaos-row.js";
import type { ChaosContext, ChaosScenario } from "./chaos-scenario.js";
import { createSettleProbe } from "./create-settle-probe.js";
import { createSlackLedger } from "./create-slack-ledger.js";
import type { TruthOracle } from "./create-truth-oracle.js";
import { deliverEvent } from "./deliver-event.js";
import { describeDeliveries } from "./describe-deliveries.js";
import { freePort } from "./free-port.js";
import { startChaosRoles, type ChaosRoles } from "./start-chaos-roles.js";
import { startRedis } from "./start-redis.js";
import { saveScenarioEvidence } from "./save-scenario-evidence.js";
import { tallyChaosScenario } from "./tally-chaos-scenario.js";
import { waitForAnswers } from "./wait-for-answers.js";

export interface ChaosRunOptions {
  /** The scenario's number (1-based), which keeps its Slack timestamps apart from the others'. */
  index: number;
  burst: number;
  questions: readonly string[];
  /** Environment every role gets: the lake, the run store, the PII key. */
  baseEnv: NodeJS.ProcessEnv;
  redisPort: number;
  /** performance.now() by which the scenario stops waiting for answers. */
  deadline: number;
  oracle: TruthOracle;
  sourcesOf: (question: string) => readonly string[];
  runStore: RunStore;
  /** Where the roles' logs go when the scenario shows a problem. */
  logDir: string;
}

const prefix = "skiff-chaos";

/**
 * One scenario from scratch: its own redis-server (flushed), fake Slack and
 * freshly spawned roles; `burst` questions delivered at once as Slack
 * would (retries included); the fault; then a wait, bounded by `deadline`,
 * until every question has its answer and the queues are idle (or nothing
 * has moved for a while), and the count of what Slack shows.
 */
export async function runChaosScenario(scenario: ChaosScenario, options: ChaosRunOptions): Promise<ChaosRow> {
  const notes: (string | (() => string))[] = [];
  const problems: string[] = [];
  const undo: (() => Promise<unknown>)[] = [];
  const persistDir = scenario.persistence === "aof" ? await mkdtemp(join(tmpdir(), "skiff-chaos-redis-")) : undefined;
  if (persistDir) undo.push(() => rm(persistDir, { recursive: true, force: true }));
  const redis = await startRedis({ port: options.redisPort, ...(persistDir ? { persistDir } : {}) });
  undo.push(() => redis.close());
  let roles: ChaosRoles | undefined;
  const questions: ChaosQuestion[] = chaosQuestions(options.index, options.burst, options.questions);
  const third = Math.ceil(questions.length / 3);
  try {
    await redis.flushAll();
    const set = await scenario.setUp?.();
    if (set) undo.push(() => set.tearDown());
    const ledger = createSlackLedger();
    // The fault comes once a third of the burst is in: acknowledged by the bot, or with its placeholder in the thread (queued).
    const faultAfter = scenario.faultAfter ?? "acknowledged";
    const placeholders = new Set<string>();
    let onThirdIn: () => void = () => undefined;
    const fake = await startFakeSlack({
      onCall(call) {
        ledger.record(call);
        if (call.method === "chat.postMessage" && call.response.ok === true && typeof call.params.thread_ts === "string") {
          placeholders.add(`${String(call.params.channel)} ${call.params.thread_ts}`);
          if (faultAfter === "placeholders" && placeholders.size >= third) onThirdIn();
        }
      },
    });
    undo.push(() => fake.close());
    const home = await mkdtemp(join(tmpdir(), "skiff-chaos-home-"));
    undo.push(() => rm(home, { recursive: true, force: true }));
    const env: NodeJS.ProcessEnv = {
      ...options.baseEnv,
      SKIFF_HOME: home,
      REDIS_URL: redis.url,
      SKIFF_QUEUE_PREFIX: prefix,
      SLACK_BOT_TOKEN: "xoxb-chaos-token",
      SLACK_SIGNING_SECRET: testSigningSecret,
      SLACK_API_URL: fake.url,
      SKIFF_PUBLIC_URL: "https://skiff.example.test",
      SKIFF_LINK_SECRET: testLinkSecret,
      ...set?.env,
    };
    const rolesStarted = performance.now();
    roles = await startChaosRoles(env, { botPort: await freePort() });
    const running = roles;
    undo.push(() => running.close());
    notes.push(`roles ready ${Math.round(performance.now() - rolesStarted)} ms after spawn`);
    const ctx: ChaosContext = { roles, redis, fake, env, note: (text) => notes.push(text) };
    scenario.beforeBurst?.(ctx);

    // The burst: every question at once, each delivered as Slack delivers it.
    let acked = 0;
    const faultState: { at?: number; endedAt?: number; acked?: number; placeholders?: number; done: boolean } = { done: !scenario.midBurst };
    onThirdIn = () => {
      if (faultState.at !== undefined || !scenario.midBurst) return;
      faultState.at = performance.now();
      faultState.acked = acked;
      faultState.placeholders = placeholders.size;
      void scenario
        .midBurst(ctx)
        .catch((error: unknown) => void problems.push(`the fault itself failed: ${String(error)}`))
        .finally(() => {
          faultState.endedAt = performance.now();
          faultState.done = true;
        });
    };
    const burstAt = performance.now();
    const eventsUrl = roles.eventsUrl;
    const delivered = Promise.all(
      questions.map(async (q) => {
        q.delivery = await deliverEvent(eventsUrl, q.body, {
          secret: testSigningSecret,
          onAck: () => {
            acked += 1;
            if (faultAfter === "acknowledged" && acked >= third) onThirdIn();
          },
        });
      }),
    );

    const probe = createSettleProbe(options.redisPort, prefix);
    undo.push(() => probe.close());
    let deliveriesDone = false;
    void delivered.then(() => (deliveriesDone = true));
    // A fault that never started (too few acknowledgements) does not hold the scenario up.
    const busy = () => !deliveriesDone || (!faultState.done && faultState.at !== undefined);
    const stoppedShort = await waitForAnswers({ questions, fake, ledger, probe, deadline: options.deadline, busy });
    if (stoppedShort) notes.push(stoppedShort);
    const faultAt = faultState.at;
    const tallyStarted = performance.now();
    if (scenario.midBurst && faultAt === undefined) problems.push(`the fault never ran: ${acked} of ${questions.length} deliveries acknowledged, ${placeholders.size} placeholders up`);
    const answeredBeforeFault = faultAt === undefined ? 0 : questions.filter((q) => (ledger.finalsIn(q.channel, q.ts)[0] ?? Infinity) < faultAt).length;
    if (answeredBeforeFault > questions.length * 0.9) problems.push(`the fault came too late to test anything: ${answeredBeforeFault} of ${questions.length} questions were answered before it`);
    await roles.close();
    problems.push(...roles.unexpectedExits());

    const tally = await tallyChaosScenario({
      questions,
      calls: fake.calls,
      ledger,
      runStore: options.runStore,
      oracle: options.oracle,
      sourcesOf: options.sourcesOf,
      breaks: scenario.breaks,
      mayRefuse: scenario.mayRefuse ?? false,
      burstAt,
      faultAt,
      faultEndedAt: faultState.endedAt,
    });
    const deliveries = describeDeliveries(questions);
    if (deliveries) notes.push(deliveries);
    notes.push(`${Math.round((performance.now() - tallyStarted) / 1000)} s to check the answers`);
    if (faultAt !== undefined) notes.push(`fault at ${Math.round((faultAt - burstAt) / 100) / 10} s into the burst, with ${faultState.acked ?? 0} events acknowledged and ${faultState.placeholders ?? 0} placeholders up, ${answeredBeforeFault} answered`);
    const row: ChaosRow = {
      name: scenario.name,
      fault: scenario.fault,
      redis: scenario.persistence === "aof" ? "AOF, fsync always" : "no persistence",
      ...tally,
      number: options.index,
      notes: [...notes.map((n) => (typeof n === "function" ? n() : n)), ...tally.notes],
      problems: [...problems, ...tally.problems],
    };
    if (row.problems.length > 0) {
      const dir = join(options.logDir, `${options.index}-${scenario.name.replace(/\W+/g, "-")}`);
      await saveScenarioEvidence(dir, { logs: roles.logs(), calls: fake.calls, problems: row.problems });
      row.notes.push(`logs, Slack calls and problems in ${dir}`);
    }
    return row;
  } finally {
    for (const step of undo.reverse()) await step().catch(() => undefined);
  }
}
