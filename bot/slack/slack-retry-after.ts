import { z } from "zod";

/** What @slack/web-api throws for a 429 when the client rejects rate-limited calls instead of pausing. */
const rateLimitedSchema = z.object({ code: z.literal("slack_webapi_rate_limited_error"), retryAfter: z.number().nonnegative() });

/**
 * The wait Slack asked for (ms) when a call was refused with 429, else
 * undefined. The bot's client rejects such calls at once (see
 * slack-call-limits.ts), so one thread's 429 is waited out by that thread's
 * job alone rather than by a pause of every call.
 */
export function slackRetryAfterMs(error: unknown): number | undefined {
  const parsed = rateLimitedSchema.safeParse(error);
  return parsed.success ? Math.max(1, parsed.data.retryAfter) * 1_000 : undefined;
}
