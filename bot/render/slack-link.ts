import { escapeMrkdwn } from "./escape-mrkdwn.js";

/**
 * A link Skiff built itself (a signed run page), as mrkdwn `<url|label>`.
 * Inside the sequence `&` is still escaped (Slack reads `&amp;` back as `&`),
 * and a `|` in the address is percent-encoded so the label cannot start early.
 */
export function slackLink(url: string, label: string): string {
  return `<${escapeMrkdwn(url.replaceAll("|", "%7C"))}|${escapeMrkdwn(label)}>`;
}
