import { randomUUID } from "node:crypto";
import type { webApi } from "@slack/bolt";
import { finalAnswerJobId, type AnswerJob } from "../../shared/jobs/answer-job.js";
import { askJobId, type AskJob } from "../../shared/jobs/ask-job.js";
import type { BotDeps } from "../bot-deps.js";
import { botReplies } from "./bot-replies.js";
import { enqueueQuestion } from "./enqueue-question.js";
import { parsePendingQuestion, type AwaitingEcho } from "./pending-question.js";
import { postPlaceholder } from "./post-placeholder.js";
import { postQuestionEcho } from "./post-question-echo.js";
import { pendingKeys, runKeys } from "./run-keys.js";

export interface ReconcileOptions {
  /** Questions admitted less than this long ago are left to the bot accepting them. @defaultValue 5000 */
  graceMs?: number;
  /** A placeholder Slack refused is retried for this long; after that the answer comes as a reply. @defaultValue 300000 */
  placeholderForMs?: number;
  /** A question still pending after this long is given up (its answer could not be delivered). @defaultValue 3600000 */
  giveUpAfterMs?: number;
}

export interface ReconcileReport {
  /** Another bot held the sweep lock: it does this sweep. */
  skipped: boolean;
  checked: number;
  enqueued: number;
  placeholders: number;
  /** Questions whose AskJob failed for good without the thread being told: told now. */
  failed: number;
  /** /ask questions whose bot died before their "asked:" message (their thread) went up: posted, queued and given a placeholder now. */
  echoes: number;
  /** Answered, or given up: no longer pending. */
  settled: number;
}

export const defaultGraceMs = 5_000;
const pageSize = 200;
const maxPages = 50;
/**
 * How long one bot holds the sweep: longer than a sweep normally takes, and
 * short because a bot that dies mid-sweep holds up the next bot's recovery
 * for this long. A sweep that outlives it overlaps another bot's, which is
 * safe: every step it takes is idempotent.
 */
const sweepLockMs = 10_000;
const releaseLock = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * One sweep over the questions admitted and not yet answered: enqueue those
 * whose AskJob is missing (the bot died between admission and enqueue, or
 * the queue was unreachable), post the "asked:" message of an /ask question
 * whose bot died before it, post the placeholders Slack never got, tell the
 * thread when its AskJob failed for good and nobody said so, and take answered
 * ones off the list. Idempotent: job ids are the questions' own and a
 * placeholder is posted under the run's lock only when there is none, so
 * several bots sweeping at once cannot double-drive; a short lock still keeps
 * them from doing the same reads. Costs one round trip per 200 pending
 * questions.
 */
export async function reconcileQuestions(deps: BotDeps, client: webApi.WebClient, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const report: ReconcileReport = { skipped: false, checked: 0, enqueued: 0, placeholders: 0, failed: 0, echoes: 0, settled: 0 };
  const { redis, keyPrefix, logger, metrics } = deps;
  const lockKey = `${keyPrefix}:reconciling`;
  const token = randomUUID();
  if ((await redis.set(lockKey, token, "PX", sweepLockMs, "NX")) !== "OK") return { ...report, skipped: true };
  try {
    const { pending, pendingAt } = pendingKeys(keyPrefix);
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
    const work: Promise<void>[] = [];
    const counted = { enqueue: "enqueued", failed: "failed", placeholder: "placeholders", echo: "echoes" } as const;
    const recover = (runId: string, step: keyof typeof counted, action: () => Promise<unknown>) =>
      work.push(
        action().then(
          (outcome) => {
            // Someone else posted the placeholder, the echo or the answer in the meantime.
            if (outcome === "exists" || outcome === "answered") return;
            report[counted[step]] += 1;
            metrics.recovered.inc({ step });
            logger.warn({ run: runId, step }, "recovered a step of an accepted question");
          },
          // Locked: someone is posting or answering right now. Slack or Redis refused: the next sweep (or the answer as a reply).
          (error: unknown) => logger.debug({ err: error, run: runId, step }, "could not recover this step in this sweep"),
        ),
      );
    for (let offset = 0, page = 0; page < maxPages; page++) {
      const runIds = await redis.zrangebyscore(pendingAt, "-inf", now - (options.graceMs ?? defaultGraceMs), "LIMIT", offset, pageSize);
      if (runIds.length === 0) break;
      const reads = redis.pipeline();
      for (const runId of runIds) {
        const keys = runKeys(keyPrefix, runId);
        reads
          .hget(pending, runId)
          .zscore(pendingAt, runId)
          .exists(keys.answered)
          .get(keys.placeholder)
          .exists(deps.questions.toKey(askJobId(runId)))
          .zscore(deps.questions.toKey("failed"), askJobId(runId))
          .exists(deps.answers.toKey(finalAnswerJobId(runId)));
      }
      const results = ((await reads.exec()) ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      });
      const settle = redis.multi();
      let settling = 0;
      for (const [i, runId] of runIds.entries()) {
        const [raw, admittedAt, answered, placeholder, hasAskJob, askJobFailed, hasFinal] = results.slice(i * 7, i * 7 + 7);
        report.checked += 1;
        const record = typeof raw === "string" ? parsePendingQuestion(raw) : undefined;
        const age = now - Number(admittedAt ?? now);
        if (!record || answered === 1 || age > (options.giveUpAfterMs ?? 3_600_000)) {
          if (record && answered !== 1) {
            logger.error({ run: runId, ageMs: age }, "gave up on a question whose answer never reached its thread");
            metrics.errors.inc({ kind: "question_abandoned" });
          }
          settle.hdel(pending, runId).zrem(pendingAt, runId);
          settling += 1;
          continue;
        }
        if (record.kind === "echo") {
          recover(runId, "echo", () => echoAndQueue(deps, client, record.question));
          continue;
        }
        const { job } = record;
        if (hasFinal === 1) continue;
        if (hasAskJob !== 1) recover(runId, "enqueue", () => enqueueQuestion(deps, job));
        else if (askJobFailed !== null) recover(runId, "failed", () => tellFailed(deps, job));
        // "?": a post whose poster died mid-call; postPlaceholder looks for it in the thread before posting.
        if ((typeof placeholder !== "string" || placeholder === "?") && age < (options.placeholderForMs ?? 300_000)) {
          recover(runId, "placeholder", () => postPlaceholder(deps, client, job, botReplies.placeholder, { waitMs: 0 }));
        }
      }
      if (settling > 0) await settle.exec();
      report.settled += settling;
      if (runIds.length < pageSize) break;
      // Settled entries left the set, so the next page starts that much earlier.
      offset += runIds.length - settling;
    }
    await Promise.all(work);
  } finally {
    await redis.eval(releaseLock, 1, lockKey, token).catch(() => undefined);
  }
  return report;
}

/** An /ask question admitted by a bot that died before its echo: the echo (found again if it landed), then the AskJob and the placeholder. */
async function echoAndQueue(deps: BotDeps, client: webApi.WebClient, question: AwaitingEcho): Promise<"echoed" | "exists"> {
  const echo = await postQuestionEcho(deps, client, question);
  if (echo.kind === "elsewhere") return "exists";
  if (echo.kind === "refused") {
    // No response_url here to tell the asker privately; the question is taken back rather than left to fail again.
    deps.metrics.errors.inc({ kind: "echo_refused" });
    deps.logger.warn({ err: echo.error, run: question.runId, channel: question.channel }, "Slack refused an /ask question's echo after its bot died; the question was dropped");
    return "exists";
  }
  await enqueueQuestion(deps, echo.job);
  await postPlaceholder(deps, client, echo.job, botReplies.placeholder, { waitMs: 0 }).catch((error: unknown) =>
    deps.logger.debug({ err: error, run: question.runId }, "could not post the placeholder in this sweep"),
  );
  return "echoed";
}

/** The agent tells the thread when a question runs out of tries; this covers the case where that hand-off itself was lost. */
async function tellFailed(deps: BotDeps, job: AskJob): Promise<void> {
  const final: AnswerJob = {
    kind: "final",
    runId: job.runId,
    channel: job.channel,
    threadTs: job.threadTs,
    eventAt: job.eventAt,
    error: "Skiff could not finish this answer (a part of it is down). Try again in a few minutes; if it keeps happening, share the run id with whoever runs Skiff.",
  };
  await deps.answers.add("final", final, { ...deps.answerJobOptions, jobId: finalAnswerJobId(job.runId) });
}
