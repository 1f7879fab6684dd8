import pluralize from "pluralize";

const numberWords: Record<string, string> = {
  one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10",
  eleven: "11", twelve: "12", fifteen: "15", twenty: "20", thirty: "30", fifty: "50", hundred: "100",
};

/**
 * Lower-cases a question into plain words: possessives and punctuation go,
 * number words become digits, dates (2026-11-01) and codes (5xx, r2) survive.
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/'s\b/g, "")
    .replace(/%/g, " percent ")
    .replace(/[^a-z0-9\-:/. ]+/g, " ")
    .replace(/(?<!\d)[.:/]|[.:/](?!\d)/g, " ")
    .replace(/(?<![a-z0-9])-|-(?![a-z0-9])/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => numberWords[w] ?? w)
    .join(" ");
}

/** The singular form used for matching ("countries" → "country"); short words are left alone ("us" is not "me"). */
export function singularWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  return pluralize.singular(word);
}

/** Words of a catalog phrase or question, singular, in order. */
export function matchWords(text: string): string[] {
  return normalizeText(text.replaceAll("_", " "))
    .split(" ")
    .filter((w) => w.length > 0)
    .map(singularWord);
}
