import { slackSignature } from "../../test/fakes/slack/signed-slack-request.js";

/** What Slack does with one event: its first attempt, its retries, and whether the app acknowledged it. */
export interface Delivery {
  /** performance.now() of the first attempt: where event-to-answer starts. */
  firstAt: number;
  /** performance.now() of the acknowledgement (an HTTP 200 within Slack's 3 s), if any attempt got one. */
  ackedAt?: number;
  attempts: number;
  /** What the failed attempts got: a status, "timeout" or "refused". */
  failures: string[];
}

/** Slack's Events API gives an app 3 s to answer. */
const ackTimeoutMs = 3_000;
/** Slack retries a failed delivery three times (at once, after 1 min, after 5 min); compressed here so a scenario stays short. */
export const slackRetryDelaysMs = [1_000, 5_000, 15_000] as const;

/**
 * Delivers one Events API body the way Slack does: signed, an attempt counts
 * only when the app answers 200 within 3 s, and a failed one (refused
 * connection, timeout, 5xx) is retried with `X-Slack-Retry-Num` and the same
 * event id, up to three times.
 */
export async function deliverEvent(url: string, body: string, options: { secret: string; onAck?: () => void }): Promise<Delivery> {
  const delivery: Delivery = { firstAt: performance.now(), attempts: 0, failures: [] };
  for (let attempt = 0; attempt <= slackRetryDelaysMs.length; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, slackRetryDelaysMs[attempt - 1]));
    delivery.attempts += 1;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(options.secret, timestamp, body),
    };
    if (attempt > 0) {
      headers["x-slack-retry-num"] = String(attempt);
      headers["x-slack-retry-reason"] = delivery.failures.at(-1) === "timeout" ? "http_timeout" : "http_error";
    }
    try {
      const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(ackTimeoutMs) });
      await response.text();
      if (response.status === 200) {
        delivery.ackedAt = performance.now();
        options.onAck?.();
        return delivery;
      }
      delivery.failures.push(String(response.status));
    } catch (error) {
      delivery.failures.push(error instanceof Error && error.name === "TimeoutError" ? "timeout" : "refused");
    }
  }
  return delivery;
}
