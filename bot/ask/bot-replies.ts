/**
 * What the bot says in a thread outside an answer: plain text with mrkdwn
 * styling. Senders escape it like any other text, so the help's `<question>`
 * reaches Slack as `&lt;question&gt;` rather than as a broken link.
 */
export const botReplies = {
  placeholder: ":mag: Looking into it: grounding your question in the catalog…",
  busy: (ahead: number, expectMs: number) =>
    `:hourglass: Busy: about ${ahead} ${ahead === 1 ? "question" : "questions"} ahead of yours, expect ~${waitText(expectMs)}. Your answer will appear here.`,
  unavailable: ":zzz: Sorry, I can't take questions right now (Skiff's queue is unreachable). Please try again in a few minutes.",
  rateLimited: (perMinute: number) =>
    `:hourglass: You've asked ${perMinute} questions in the last minute, which is as many as I take from one person. Give me a moment and ask again.`,
  help: [
    "*Ask Skiff a data question in plain English.*",
    "• Mention me in a channel: `@Skiff top 10 countries by requests in the last 7 days`",
    "• Send me a direct message, or use `/ask <question>`",
    "• Reply in a thread I answered to follow up; no need to mention me again",
    "Every answer comes with its caveats and a *View queries* link to every query behind it.",
  ].join("\n"),
  notInChannel: "I can't post in this channel yet: invite me with `/invite @Skiff`, then ask again.",
  slackRateLimited: (retryAfterMs: number) => `Slack is asking me to slow down; ask again in ${waitText(retryAfterMs)}.`,
} as const;

/** "45 s", "3 min": a wait as people read it. */
function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1_000));
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
