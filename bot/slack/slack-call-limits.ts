import type { webApi } from "@slack/bolt";

/** Each Web API call gives up after this long. */
export const slackCallTimeoutMs = 10_000;

/** Two quick retries of a failed call (network, 5xx, 429 after its Retry-After). */
export const slackRetries: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true };

/**
 * How long one placeholder update may hold its lock: longer than a call with
 * every retry timing out, so a slow update never loses the lock mid-call and
 * lets a progress update land after the answer.
 */
export const placeholderLockMs = ((slackRetries.retries ?? 0) + 1) * slackCallTimeoutMs + 30_000;
