import MiniSearch from "minisearch";
import type { SearchResult } from "minisearch";
import { SkiffError } from "../shared/errors.js";
import type { Catalog } from "./model/index.js";
import type { CatalogSearchDocument, CatalogSearchKind } from "./search/catalog-search-document.js";
import { catalogSearchDocuments } from "./search/catalog-search-documents.js";
import { dropCommonTerms } from "./search/drop-common-terms.js";
import { prepareSearchDocuments, searchFields } from "./search/prepare-search-documents.js";
import { searchTerms } from "./search/search-terms.js";

export { catalogSearchKinds } from "./search/catalog-search-document.js";
export type { CatalogSearchKind } from "./search/catalog-search-document.js";

export interface CatalogHit {
  kind: CatalogSearchKind;
  /** Table id, `source.table.column` for a column, metric/entity/dimension/segment name, or glossary term. */
  name: string;
  /** One line: the item's description (a glossary term's definition). */
  description: string;
  /** Relevance; only meaningful relative to other hits of the same search. */
  score: number;
}

export interface CatalogSearchOptions {
  /** @defaultValue 10 */
  limit?: number;
  /** Only these kinds. @defaultValue every kind */
  kinds?: readonly CatalogSearchKind[];
}

export interface CatalogSearch {
  /** Catalog items matching any word of `query`, best first. Plural and singular forms match each other. */
  search(query: string, options?: CatalogSearchOptions): CatalogHit[];
}

const defaultLimit = 10;

/**
 * Full-text search over a catalog's queryable items. Build it once per
 * catalog and reuse it: a 10,000-table catalog takes a second or two to index. Names weigh most, then
 * synonyms, then descriptions, then context such as a table's column names
 * and known values. Prefix and fuzzy matching forgive "domai" and "reqests".
 */
export function createCatalogSearch(catalog: Catalog): CatalogSearch {
  const { documents, documentFrequency } = prepareSearchDocuments(catalogSearchDocuments(catalog));
  const index = new MiniSearch<CatalogSearchDocument>({
    fields: [...searchFields],
    // Fields and queries arrive as normalized terms (see prepareSearchDocuments and searchTerms).
    tokenize: splitOnSpaces,
    processTerm: (term) => term,
    searchOptions: {
      boost: { nameText: 4, synonymText: 3, descriptionText: 1.5, contextText: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: 0.2,
      combineWith: "OR",
    },
  });
  index.addAll(documents);

  return {
    search(query, options = {}) {
      const limit = options.limit ?? defaultLimit;
      const terms = dropCommonTerms([...new Set(searchTerms(query))], documentFrequency, documents.length);
      if (limit <= 0 || terms.length === 0) return [];
      const kinds = options.kinds === undefined ? undefined : new Set(options.kinds);
      const filter = kinds === undefined ? undefined : (result: SearchResult) => kinds.has(documentOf(result.id).kind);
      return index
        .search(terms.join(" "), filter === undefined ? {} : { filter })
        .slice(0, limit)
        .map((result) => {
          const document = documentOf(result.id);
          return { kind: document.kind, name: document.name, description: document.summary, score: result.score };
        });
    },
  };

  function documentOf(id: unknown): CatalogSearchDocument {
    const document = documents[id as number];
    if (document === undefined) throw new SkiffError("INTERNAL", `catalog search returned unknown document ${String(id)}`);
    return document;
  }
}

function splitOnSpaces(text: string): string[] {
  return text === "" ? [] : text.split(" ");
}
