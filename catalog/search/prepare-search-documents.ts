import type { CatalogSearchDocument } from "./catalog-search-document.js";
import { searchTerms } from "./search-terms.js";

export const searchFields = ["nameText", "synonymText", "descriptionText", "contextText"] as const;

export interface PreparedSearchDocuments {
  /** The documents with every text field replaced by its normalized terms, space-separated. */
  documents: CatalogSearchDocument[];
  /** How many documents hold each term, to recognise terms too common to help a query. */
  documentFrequency: ReadonlyMap<string, number>;
}

/**
 * Normalizes every field once, outside the index, so the index only splits on
 * spaces, and counts document frequencies on the way.
 */
export function prepareSearchDocuments(documents: readonly CatalogSearchDocument[]): PreparedSearchDocuments {
  const documentFrequency = new Map<string, number>();
  const prepared = documents.map((document) => {
    const seen = new Set<string>();
    const copy = { ...document };
    for (const field of searchFields) {
      const terms = searchTerms(document[field]);
      for (const term of terms) seen.add(term);
      copy[field] = terms.join(" ");
    }
    for (const term of seen) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    return copy;
  });
  return { documents: prepared, documentFrequency };
}
