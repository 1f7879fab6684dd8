import { escapeMrkdwn } from "./escape-mrkdwn.js";

const userIdPattern = /^[UW][A-Z0-9]{2,}$/;

/** `<@U123>` for a Slack user id; anything else that arrives as a "user id" is shown as text, never as a control sequence. */
export function userMention(userId: string): string {
  return userIdPattern.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
