import { createHmac } from "node:crypto";

/**
 * The run id of one Slack question (its first dedupe key: channel + message
 * ts, or the command's trigger id): the same for every delivery, so a
 * redelivered or re-driven question is the same job and the same run. Keyed
 * with the link secret so that, like a random id, it can't be guessed from
 * the message.
 */
export function questionRunId(secret: string, questionKey: string): string {
  return `r_${createHmac("sha256", secret).update(`question:${questionKey}`).digest().subarray(0, 12).toString("base64url")}`;
}
