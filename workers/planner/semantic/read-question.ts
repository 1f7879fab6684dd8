import { findMentions, type Mention } from "./find-mentions.js";
import { matchWords, normalizeText } from "./normalize-words.js";
import { parseTimePhrases } from "./parse-time-phrases.js";
import { stopwords } from "./stopwords.js";
import type { Term, Vocabulary } from "./vocabulary.js";

export interface Ranking {
  limit: number;
  order: "desc" | "asc";
  /** "in the top 100": the ranking defines a set to test membership in. */
  membership: boolean;
  stated: boolean;
}

const rankingPattern =
  /\b(?:(in|among|within|into|make|made|makes|of)\s+(?:the\s+)?)?(top|bottom|largest|biggest|highest|lowest|smallest|most|least)(?:\s+(\d+))?\b/;

function readRanking(text: string): { ranking?: Ranking; rest: string } {
  const match = rankingPattern.exec(text);
  if (!match) return { rest: text };
  const word = match[2]!;
  const order = ["bottom", "lowest", "smallest", "least"].includes(word) ? "asc" : "desc";
  // "the 10 countries with the most requests": the count may sit before the noun rather than after "most".
  const counted = match[3] ?? /\bthe\s+(\d+)\s+[a-z]/.exec(text)?.[1];
  const stated = counted !== undefined;
  const limit = stated ? Number(counted) : word === "top" || word === "bottom" ? 10 : 1;
  const membership = match[1] !== undefined && match[1] !== "of" && stated;
  return {
    ranking: { limit, order, membership, stated },
    rest: `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`,
  };
}

export interface Reading {
  mentions: Mention[];
  unknown: string[];
  time: ReturnType<typeof parseTimePhrases>;
  ranking?: Ranking;
  share: boolean;
  wantsList: boolean;
}

export function readQuestion(question: string, vocabulary: Vocabulary, asOf: Date): Reading {
  const text = normalizeText(question);
  const time = parseTimePhrases(text, asOf);
  const { ranking, rest } = readRanking(time.rest);
  const share = /\b(share|percentage|percent|proportion|fraction)\b/.test(rest);
  const wantsList = /^(which|list|show|name)\b/.test(text);
  const words = matchWords(rest);
  // The asker's own words (plural and all) for answers; `words` are singular for matching.
  const asked = normalizeText(rest).split(" ").filter((w) => w.length > 0);
  const found = findMentions(words, vocabulary);
  const mentions = found.mentions.map((m) => ({ ...m, text: asked.slice(m.start, m.end).join(" ") || m.text }));
  const unknown = found.unmatched.filter((i) => !stopwords.has(words[i]!) && !/^\d+$/.test(words[i]!)).map((i) => asked[i] ?? words[i]!);
  return { mentions, unknown, time, ...(ranking ? { ranking } : {}), share, wantsList };
}

export const termsOf = <K extends Term["kind"]>(mentions: Mention[], kind: K) =>
  mentions.flatMap((m) => m.terms.filter((t): t is Extract<Term, { kind: K }> => t.kind === kind).map((term) => ({ mention: m, term })));
