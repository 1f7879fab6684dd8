import { escapeMrkdwn } from "./escape-mrkdwn.js";

/**
 * Data or model text in the same mrkdwn as a code block (a query's purpose
 * beside its SQL): escaped, and its backticks shown as `'`, so it can
 * neither open a code span nor take a fence away from the block next to it.
 */
export function prose(text: string): string {
  return escapeMrkdwn(text.replaceAll("`", "'"));
}
