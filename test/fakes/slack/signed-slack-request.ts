import { createHmac } from "node:crypto";

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlackPost {
  status: number;
  body: string;
}

/** POSTs a body to the bot the way Slack does: signed, with optional retry headers. */
export async function postToBot(
  url: string,
  options: { secret: string; body: string; contentType?: string; retryNum?: number; signature?: string; timestamp?: number },
): Promise<SlackPost> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/json",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, options.body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const response = await fetch(url, { method: "POST", headers, body: options.body });
  return { status: response.status, body: await response.text() };
}

let eventSeq = 0;

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++eventSeq}`): string {
  return JSON.stringify({
    token: "legacy",
    team_id: "T0TEST",
    api_app_id: "A0SKIFF",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0TEST", user_id: "UBOTSKIFF", is_bot: true }],
    event: { event_ts: event.ts, ...event },
  });
}
