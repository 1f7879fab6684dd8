import type { Term, Vocabulary } from "./vocabulary.js";

export interface Mention {
  /** Word positions [start, end) in the question's match words. */
  start: number;
  end: number;
  text: string;
  terms: Term[];
}

/** Greedy longest-first matching of catalog phrases over the question's words; unmatched words are returned too. */
export function findMentions(words: readonly string[], vocabulary: Vocabulary): { mentions: Mention[]; unmatched: number[] } {
  const mentions: Mention[] = [];
  const unmatched: number[] = [];
  let i = 0;
  while (i < words.length) {
    let found: Mention | undefined;
    for (let length = Math.min(vocabulary.longest, words.length - i); length >= 1 && !found; length--) {
      const text = words.slice(i, i + length).join(" ");
      const terms = vocabulary.phrases.get(text);
      if (terms) found = { start: i, end: i + length, text, terms };
    }
    if (found) {
      mentions.push(found);
      i = found.end;
    } else {
      unmatched.push(i);
      i++;
    }
  }
  return { mentions, unmatched };
}
