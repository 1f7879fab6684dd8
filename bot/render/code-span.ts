import { escapeMrkdwn } from "./escape-mrkdwn.js";

/** A short value (a source name, a run id) as inline code; a backtick would close the span, so it shows as `'`. */
export function codeSpan(text: string): string {
  return `\`${escapeMrkdwn(text.replaceAll("`", "'"))}\``;
}
