import { askJobId, type AskJob } from "../../shared/jobs/ask-job.js";
import type { BotDeps } from "../bot-deps.js";

const enqueueTimeoutMs = 3_000;

/**
 * Adds a question's AskJob under its one job id, so enqueueing it again (a
 * redelivery, the reconciler after a crash) is a no-op while the job exists.
 * Gives up after a few seconds: the question is pending and the reconciler
 * enqueues it once the queue answers.
 */
export async function enqueueQuestion(deps: Pick<BotDeps, "questions" | "askJobOptions">, job: AskJob): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the questions queue did not answer within ${enqueueTimeoutMs} ms`)), enqueueTimeoutMs);
  });
  try {
    await Promise.race([deps.questions.add("ask", job, { ...deps.askJobOptions, jobId: askJobId(job.runId) }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
