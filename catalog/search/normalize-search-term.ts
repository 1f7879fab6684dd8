import pluralize from "pluralize";

/** Words that carry no catalog meaning in questions ("how many domains are in the top 100"). */
const stopWords = new Set(
  (
    "a an the of in on at by for to from into with without and or not no is are was were be been being has have had " +
    "do does did how many much what which who whom whose when where why per that this these those it its " +
    "i me my we us our you your they them their there here than then as if all any each every show give list tell"
  ).split(" "),
);

const singulars = new Map<string, string>();
/** Queries are free text; bound the cache so a long-running worker does not grow without end. */
const maxCached = 50_000;

/**
 * One token → the form both the index and queries use: lower case, singular
 * ("domains" and "domain" meet), stop words dropped. Singular forms are
 * cached: the vocabulary is small and pluralize's rules are not cheap.
 */
export function normalizeSearchTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower === "" || stopWords.has(lower)) return null;
  let singular = singulars.get(lower);
  if (singular === undefined) {
    // Numbers and codes ("500", "5xx", "ipv4") have no plural.
    singular = /\d/.test(lower) ? lower : pluralize.singular(lower);
    if (singulars.size >= maxCached) singulars.clear();
    singulars.set(lower, singular);
  }
  return singular;
}
