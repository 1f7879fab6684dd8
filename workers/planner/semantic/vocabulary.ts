import type { Catalog } from "../../../catalog/model/catalog.js";
import { isRatioMetric } from "../../../catalog/model/metric-schema.js";
import { matchWords } from "./normalize-words.js";

/** What a phrase in a question can mean, in catalog terms. */
export type Term =
  | { kind: "metric"; metric: string; viaSynonym: boolean }
  | { kind: "event"; metric: string }
  | { kind: "entity"; entity: string }
  | { kind: "attribute"; table: string; name: string }
  | { kind: "segment"; table: string; segment: string }
  | { kind: "value"; table: string; column: string; value: string };

export interface Vocabulary {
  /** Phrase (singular words joined by spaces) → every term it can mean. */
  phrases: Map<string, Term[]>;
  /** Longest phrase length in words, to bound matching. */
  longest: number;
}

/** Every phrase the catalog declares (names, labels, synonyms, events, known values), mapped to its meanings. */
export function buildVocabulary(catalog: Catalog): Vocabulary {
  const phrases = new Map<string, Term[]>();
  let longest = 1;
  const add = (text: string, term: Term) => {
    const words = matchWords(text);
    if (words.length === 0) return;
    const key = words.join(" ");
    longest = Math.max(longest, words.length);
    const terms = phrases.get(key) ?? [];
    if (!terms.some((t) => JSON.stringify(t) === JSON.stringify(term))) terms.push(term);
    phrases.set(key, terms);
  };
  for (const metric of catalog.metrics.values()) {
    add(metric.name, { kind: "metric", metric: metric.name, viaSynonym: false });
    if (metric.label) add(metric.label, { kind: "metric", metric: metric.name, viaSynonym: false });
    for (const s of metric.synonyms) add(s, { kind: "metric", metric: metric.name, viaSynonym: true });
    if (!isRatioMetric(metric)) for (const e of metric.events) add(e, { kind: "event", metric: metric.name });
  }
  for (const entity of catalog.entities.values()) {
    add(entity.name, { kind: "entity", entity: entity.name });
    for (const s of entity.synonyms) add(s, { kind: "entity", entity: entity.name });
  }
  for (const dimension of catalog.dimensions.values()) {
    for (const s of [dimension.name, ...dimension.synonyms]) add(s, { kind: "attribute", table: dimension.table, name: dimension.name });
  }
  for (const segment of catalog.segments.values()) {
    for (const s of [segment.name, ...segment.synonyms]) add(s, { kind: "segment", table: segment.table, segment: segment.name });
  }
  for (const [id, table] of catalog.tables) {
    if (table.review === "pending") continue;
    for (const column of table.columns) {
      if (column.review === "pending") continue;
      for (const s of [column.name, ...column.synonyms]) add(s, { kind: "attribute", table: id, name: column.name });
      for (const value of column.values ?? []) add(value, { kind: "value", table: id, column: column.name, value });
    }
  }
  return { phrases, longest };
}
