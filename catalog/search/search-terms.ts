import { normalizeSearchTerm } from "./normalize-search-term.js";
import { tokenizeSearchText } from "./tokenize-search-text.js";

/** Text → the normalized terms the index holds (see {@link normalizeSearchTerm}). */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenizeSearchText(text)) {
    const term = normalizeSearchTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}
