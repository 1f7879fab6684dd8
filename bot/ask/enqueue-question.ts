import { askJobId, type AskJob } from "../../shared/jobs/ask-job.js";
import type { BotDeps } from "../bot-deps.js";
import { withTimeout } from "./with-timeout.js";

const enqueueTimeoutMs = 3_000;

/**
 * Adds a question's AskJob under its one job id, so enqueueing it again (a
 * redelivery, the reconciler after a crash) is a no-op while the job exists.
 * Gives up after a few seconds: the question is pending and the reconciler
 * enqueues it once the queue answers.
 */
export async function enqueueQuestion(deps: Pick<BotDeps, "questions" | "askJobOptions">, job: AskJob): Promise<void> {
  await withTimeout(deps.questions.add("ask", job, { ...deps.askJobOptions, jobId: askJobId(job.runId) }), enqueueTimeoutMs, "the questions queue");
}
