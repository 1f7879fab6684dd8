import { z } from "zod";

/** What @slack/web-api throws when Slack answers `ok: false`. */
const platformErrorSchema = z.object({ code: z.literal("slack_webapi_platform_error"), data: z.object({ error: z.string() }) });

/** Slack's answers to chat.update when the message to update no longer exists or can no longer be edited. */
const goneErrors = new Set(["message_not_found", "cant_update_message", "edit_window_closed"]);

/** True when a chat.update failed because the placeholder was deleted (or can't be edited): retrying it cannot help. */
export function placeholderGone(error: unknown): boolean {
  const parsed = platformErrorSchema.safeParse(error);
  return parsed.success && goneErrors.has(parsed.data.data.error);
}
