/**
 * What the bot says in a thread outside an answer: plain text with mrkdwn
 * styling. Senders escape it like any other text, so the help's `<question>`
 * reaches Slack as `&lt;question&gt;` rather than as a broken link.
 */
export const botReplies = {
  placeholder: ":mag: Looking into it: grounding your question in the catalog…",
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
} as const;
