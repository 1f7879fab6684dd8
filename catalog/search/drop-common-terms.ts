/**
 * Leaves out query terms found in more than a tenth of a large catalog (every
 * table has `id` and `created_at`). They barely move the ranking, yet scoring
 * their tens of thousands of matches would make a question take a hundred
 * times longer. When every term is that common, all are kept.
 */
export function dropCommonTerms(terms: readonly string[], documentFrequency: ReadonlyMap<string, number>, documentCount: number): string[] {
  const limit = Math.max(1_000, documentCount / 10);
  const kept = terms.filter((term) => (documentFrequency.get(term) ?? 0) <= limit);
  return kept.length > 0 ? kept : [...terms];
}
