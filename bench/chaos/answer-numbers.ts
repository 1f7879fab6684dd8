/** The numbers an answer states, in order ("6 of the 41 domains … #6 with 13,827" → 6, 41, 6, 13,827), read from Slack text or an answer sentence. */
export function answerNumbers(text: string): string[] {
  const plain = text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  return plain.match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
}
