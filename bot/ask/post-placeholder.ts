import type { webApi } from "@slack/bolt";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import { claimPlaceholder, type PlaceholderClaim } from "../answers/claim-placeholder.js";
import type { BotDeps } from "../bot-deps.js";
import { progressBlocks } from "../render/answer-blocks.js";
import { findPlaceholder, placeholderMetadata } from "../slack/find-placeholder.js";
import { placeholderPostLockMs } from "../slack/slack-call-limits.js";
import { slackRefused } from "../slack/slack-refused.js";
import { runKeys } from "./run-keys.js";

export type PlaceholderOutcome = "posted" | "exists" | "answered";

/**
 * Posts a question's placeholder, a step that may be redone: under the run's
 * lock, and only while the thread has neither a placeholder nor the answer
 * (the answer may have been posted as a reply first). The accept path, the
 * reconciler and a progress update all post through here, so a thread gets
 * one placeholder however many of them try. The post is marked in Redis
 * before it goes out; if its poster died mid-call, the next try looks for it
 * in the thread (by its metadata) before posting another. A failed post
 * throws; the question is queued regardless and its answer becomes a reply.
 */
export async function postPlaceholder(
  deps: Pick<BotDeps, "redis" | "keyPrefix">,
  client: webApi.WebClient,
  job: Pick<AskJob, "runId" | "channel" | "threadTs">,
  text: string,
  options: { waitMs?: number } = {},
): Promise<PlaceholderOutcome> {
  const claim = await claimPlaceholderPost(deps, job, options);
  return claim === "answered" ? "answered" : postUnderClaim(client, job, text, claim);
}

/** The first half of postPlaceholder: the run's lock, with the post marked. The accept path takes it before the enqueue, so its placeholder goes up before any answer can. */
export function claimPlaceholderPost(deps: Pick<BotDeps, "redis" | "keyPrefix">, job: Pick<AskJob, "runId">, options: { waitMs?: number } = {}): Promise<PlaceholderClaim | "answered"> {
  return claimPlaceholder(deps.redis, runKeys(deps.keyPrefix, job.runId), { ttlMs: placeholderPostLockMs, ...options, markPosting: true });
}

/** The second half: post (or find) the placeholder under a claim from claimPlaceholderPost, and release it. */
export async function postUnderClaim(client: webApi.WebClient, job: Pick<AskJob, "runId" | "channel" | "threadTs">, text: string, claim: PlaceholderClaim): Promise<PlaceholderOutcome> {
  let posted: string | undefined;
  let refused = false;
  let found: string | undefined;
  try {
    if (claim.placeholderTs) return "exists";
    if (claim.placeholderInDoubt) {
      found = await findPlaceholder(client, job);
      if (found) return "exists";
    }
    const message = await client.chat.postMessage({ channel: job.channel, thread_ts: job.threadTs, ...progressBlocks(text), metadata: placeholderMetadata(job.runId) }).catch((error: unknown) => {
      refused = slackRefused(error);
      throw error;
    });
    posted = message.ts;
    if (!posted) throw new Error("Slack accepted the placeholder but returned no ts");
    return "posted";
  } finally {
    // A post Slack refused is forgotten; one whose outcome is unknown stays marked, to be looked for before the next.
    const released = await claim.release(posted || found ? { placeholderTs: posted ?? found } : refused ? { placeholderTs: "none" } : {});
    if (released === "superseded" && posted) {
      // This post outlived its lock and the thread moved on (its answer, or another placeholder, is in): take it back.
      await client.chat.delete({ channel: job.channel, ts: posted }).catch(() => undefined);
    }
  }
}
