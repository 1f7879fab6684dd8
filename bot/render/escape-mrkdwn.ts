/**
 * Text safe anywhere Skiff sends it to Slack: message `text`, mrkdwn and
 * plain_text objects. `&`, `<` and `>` are Slack's only control characters,
 * so once they are entities a value holding `<!channel>`, `<@U123>` or
 * `<https://evil|label>` shows as typed instead of notifying people or
 * becoming a link. Every data value, model sentence, SQL statement and error
 * on its way to Slack goes through here (or a helper built on it).
 */
export function escapeMrkdwn(value: string | number): string {
  return String(value).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
