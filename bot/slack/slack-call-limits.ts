import type { webApi } from "@slack/bolt";

/** Each Web API call gives up after this long. */
export const slackCallTimeoutMs = 10_000;

/** Two quick retries of a failed call (network, 5xx). A 429 is not retried inside the call: see slackClientOptions. */
export const slackRetries: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true };

/**
 * How long one placeholder update may hold its lock: longer than a call with
 * every retry timing out, so a slow update never loses the lock mid-call and
 * lets a progress update land after the answer.
 */
export const placeholderLockMs = ((slackRetries.retries ?? 0) + 1) * slackCallTimeoutMs + 30_000;

/**
 * How long posting a placeholder holds the run's lock: one call's timeout and
 * some, so a bot that dies mid-post holds up the thread's answer for seconds,
 * not a minute. A post that outlives it (Slack slow and retried) and finds
 * the answer or another placeholder recorded meanwhile deletes itself.
 */
export const placeholderPostLockMs = slackCallTimeoutMs + 5_000;

/**
 * The bot's Web API client settings. Bounded, not the client's default half
 * hour: a Slack outage fails a call within seconds, and an answer's update is
 * retried by the answers queue (taking the placeholder's lock afresh) rather
 * than inside one call. A 429 is rejected at once instead of pausing the
 * client's one request queue for its Retry-After, which would hold up every
 * thread; the answers queue delays just that thread's job (slackRetryAfterMs).
 */
export function slackClientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: slackRetries,
    timeout: slackCallTimeoutMs,
    rejectRateLimitedCalls: true,
  };
}
