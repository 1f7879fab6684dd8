import { z } from "zod";

/** Slack answered ok: false, or 429: the call certainly did nothing (unlike a timeout, a dropped connection or a 5xx). */
const refusedSchema = z.object({ code: z.enum(["slack_webapi_platform_error", "slack_webapi_rate_limited_error"]) });

/** True when Slack refused the call outright, so a post did not happen and may simply be tried again. */
export function slackRefused(error: unknown): boolean {
  return refusedSchema.safeParse(error).success;
}
