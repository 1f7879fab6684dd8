/** Redis key marking a thread Skiff answers in: replies there are follow-ups. */
export function threadKey(keyPrefix: string, channel: string, threadTs: string): string {
  return `${keyPrefix}:thread:${channel}:${threadTs}`;
}
