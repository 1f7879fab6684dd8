import type { Catalog } from "../../../catalog/model/catalog.js";
import type { Metric } from "../../../catalog/model/metric-schema.js";
import { isRatioMetric } from "../../../catalog/model/metric-schema.js";
import type { MetricFilter, MetricGroupBy } from "../../sql/metric-query.js";
import type { Mention } from "./find-mentions.js";
import { fitTimeRange, windowNote } from "./fit-time-range.js";
import { baseMetric, metricOf, metricWords, sentence, tableOfMetric } from "./metric-words.js";
import { previousPeriod, type TimeRange } from "./parse-time-phrases.js";
import { termsOf, type Reading } from "./read-question.js";
import type { MetricPlan } from "./semantic-plan.js";
import { unanswerable } from "./unanswerable.js";
import type { Term } from "./vocabulary.js";

function chooseMetric(catalog: Catalog, reading: Reading): { metric: Metric; used: Set<Mention>; viaSynonym?: string } {
  const used = new Set<Mention>();
  const explicit = termsOf(reading.mentions, "metric");
  const entities = termsOf(reading.mentions, "entity");
  // "new enterprise accounts": an event next to an entity names the metric counting that entity.
  for (const { mention, term } of termsOf(reading.mentions, "event")) {
    const metric = metricOf(catalog, term.metric);
    const home = entities.find(({ term: e }) => catalog.entities.get(e.entity)?.table === baseMetric(catalog, metric).table);
    if (home && (explicit.length === 0 || explicit.every(({ mention: m }) => m.terms.some((t) => t.kind !== "metric")))) {
      used.add(mention).add(home.mention);
      return { metric, used };
    }
  }
  // With a share, a phrase that is both a metric and a filter ("cache hits") is the filter.
  const candidates = reading.share && explicit.length > 1 ? explicit.filter(({ mention }) => mention.terms.every((t) => t.kind === "metric")) : explicit;
  const first = candidates[0] ?? explicit[0];
  if (first) {
    used.add(first.mention);
    const metric = metricOf(catalog, first.term.metric);
    return { metric, used, ...(first.term.viaSynonym ? { viaSynonym: first.mention.text } : {}) };
  }
  const events = termsOf(reading.mentions, "event");
  const onlyEventMetric = new Set(events.map(({ term }) => term.metric));
  if (events.length > 0 && onlyEventMetric.size === 1) {
    used.add(events[0]!.mention);
    return { metric: metricOf(catalog, events[0]!.term.metric), used };
  }
  const named = reading.mentions.map((m) => `"${m.text}"`).join(", ");
  return unanswerable(
    catalog,
    named
      ? `Skiff found ${named} in the catalog but no measure to compute: say what to count or add up.`
      : "Skiff couldn't map this question to any metric in the catalog.",
  );
}

export function planMetric(catalog: Catalog, reading: Reading, asOf: Date): MetricPlan {
  const { metric, used, viaSynonym } = chooseMetric(catalog, reading);
  const table = tableOfMetric(catalog, metric);
  const base = baseMetric(catalog, metric);
  const tableName = `${table.source}.${table.name}`;
  const allowed = new Set(isRatioMetric(metric) ? base.dimensions : metric.dimensions);
  const assumptions: string[] = [];
  if (viaSynonym) assumptions.push(`"${viaSynonym}" read as ${metricWords(metric)}: ${sentence(metric.description)}`);

  const groupBy: MetricGroupBy[] = [];
  let groupWords: string | undefined;
  const filters: MetricFilter[] = [];
  const filterWords: string[] = [];
  let shareOf: MetricFilter | undefined;
  let shareWords: string | undefined;
  const addFilter = (filter: MetricFilter, words: string) => {
    if (reading.share && !shareOf) {
      shareOf = filter;
      shareWords = words;
      return;
    }
    const same = filter.kind === "equals" ? filters.find((f) => f.kind === "equals" && f.column === filter.column) : undefined;
    if (same && same.kind === "equals" && filter.kind === "equals") same.values.push(...filter.values);
    else filters.push(filter);
    filterWords.push(words);
  };

  for (const mention of reading.mentions) {
    if (used.has(mention)) continue;
    const value = mention.terms.find((t): t is Extract<Term, { kind: "value" }> => t.kind === "value" && t.table === tableName);
    const segment = mention.terms.find((t): t is Extract<Term, { kind: "segment" }> => t.kind === "segment" && t.table === tableName);
    const attribute = mention.terms.find((t): t is Extract<Term, { kind: "attribute" }> => t.kind === "attribute" && t.table === tableName);
    const entity = mention.terms.find((t): t is Extract<Term, { kind: "entity" }> => t.kind === "entity");
    const event = mention.terms.find((t) => t.kind === "event" && t.metric === base.name);
    if (value) addFilter({ kind: "equals", column: value.column, values: [value.value] }, `${value.column.replaceAll("_", " ")} = ${value.value}`);
    else if (segment) addFilter({ kind: "segment", name: segment.segment }, mention.text);
    else if (attribute) {
      if (!allowed.has(attribute.name)) {
        unanswerable(catalog, `${metricWords(metric)} can't be broken down by "${mention.text}"; it can be by ${[...allowed].join(", ") || "nothing"}.`);
      }
      groupBy.push({ kind: "attribute", name: attribute.name });
      groupWords ??= mention.text;
    } else if (entity && table.entity === entity.entity) continue;
    else if (entity && table.keys[entity.entity] !== undefined && allowed.has(entity.entity)) {
      groupBy.push({ kind: "attribute", name: entity.entity });
      groupWords ??= mention.text;
    }
    else if (event) continue;
    else if (mention.terms.some((t) => t.kind === "attribute")) {
      unanswerable(catalog, `${metricWords(metric)} can't be broken down by "${mention.text}"; it can be by ${[...allowed].join(", ") || "nothing"}.`);
    }
    else if (mention.terms.some((t) => t.kind === "metric")) {
      assumptions.push(`answered for ${metricWords(metric)} only; ask about "${mention.text}" separately`);
    } else {
      unanswerable(catalog, `Skiff can't relate "${mention.text}" to ${metricWords(metric)} (${tableName}).`);
    }
  }
  if (reading.time.grain) groupBy.push({ kind: "time", grain: reading.time.grain });
  if (reading.share && !shareOf) {
    unanswerable(catalog, `Skiff read a share of ${metricWords(metric)} but found no filter for the part: name a segment or value (e.g. cache hits).`);
  }

  let window: TimeRange | undefined;
  if (reading.time.range) {
    const fitted = fitTimeRange(reading.time.range, table, base.time, asOf);
    window = fitted.range;
    assumptions.push(fitted.note ?? windowNote(fitted.range));
  } else {
    assumptions.push(`no time range given, so this covers all the data in ${tableName}${table.retention ? ` (it keeps ${table.retention.days} days)` : ""}`);
  }
  const compare = window && reading.time.compare ? previousPeriod(window) : undefined;
  const ranking = reading.ranking;
  const ranked = ranking && groupBy.some((g) => g.kind === "attribute");
  if (ranking && !ranking.stated && ranked) assumptions.push(`no count given for the ranking, so showing ${ranking.limit}`);

  return {
    kind: "metric",
    query: {
      metric: metric.name,
      groupBy,
      filters,
      ...(window ? { window: window.window } : {}),
      ...(compare ? { compare: compare.window } : {}),
      ...(shareOf ? { shareOf } : {}),
      ...(ranked ? { order: ranking.order, limit: ranking.limit } : {}),
    },
    words: {
      metric: metricWords(metric),
      ...(groupWords ? { group: groupWords } : {}),
      ...(window ? { window: window.label } : {}),
      ...(shareWords ? { share: shareWords } : {}),
      filters: filterWords,
    },
    assumptions,
  };
}
