import type { types } from "@slack/bolt";

/** The text part of every chat.postMessage, chat.update and chat.postEphemeral Skiff makes. */
export interface SlackMessage {
  /** Notification and screen-reader text: escaped mrkdwn, because Slack parses this field too. */
  text: string;
  blocks?: types.KnownBlock[];
  /** Slack adds no links of its own: a value reading `@channel` or `#general` stays text. */
  parse: "none";
  link_names: false;
}

/**
 * A message whose `text` is already escaped mrkdwn (from escapeMrkdwn or the
 * helpers beside it). Turning off Slack's own parsing is a second line, not
 * the escaping: `<!channel>` in `text` notifies whatever `parse` says.
 */
export function slackMessage(text: string, blocks?: types.KnownBlock[]): SlackMessage {
  return { text, ...(blocks ? { blocks } : {}), parse: "none", link_names: false };
}
