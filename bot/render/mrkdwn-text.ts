import type { types } from "@slack/bolt";

/**
 * A mrkdwn text object for escaped text. `verbatim` keeps Slack from turning
 * bare URLs, `#channel` names and `@here` in data into links and mentions;
 * the links Skiff writes itself (`<url|label>`) still work.
 */
export function mrkdwnText(text: string): types.MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}
