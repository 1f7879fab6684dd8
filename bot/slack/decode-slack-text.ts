/**
 * What someone typed, from Slack's wire form: Slack sends `&`, `<` and `>`
 * in message and command text as entities. The question is planned, stored
 * and shown from the text as typed, and escaped again on its way back to
 * Slack; kept encoded, "AT&T" would be planned as "AT&amp;T" and echoed as
 * `&amp;amp;`. Control sequences (`<@U123>`, links) are left as they are.
 */
export function decodeSlackText(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}
