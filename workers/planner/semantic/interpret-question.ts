import type { Catalog } from "../../../catalog/model/catalog.js";
import type { AggregateMetric, Metric } from "../../../catalog/model/metric-schema.js";
import { isRatioMetric } from "../../../catalog/model/metric-schema.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import { SkiffError } from "../../../shared/errors.js";
import type { MetricFilter, MetricGroupBy } from "../../sql/metric-query.js";
import { describeCapabilities } from "./describe-capabilities.js";
import { findMentions, type Mention } from "./find-mentions.js";
import { matchWords, normalizeText } from "./normalize-words.js";
import { parseTimePhrases, previousPeriod, type TimeRange } from "./parse-time-phrases.js";
import type { IntersectionPlan, MetricPlan, SemanticPlan } from "./semantic-plan.js";
import { stopwords } from "./stopwords.js";
import { addUtcDays, addUtcMonths, formatUtc, formatUtcDate, startOfUtcDay } from "./utc-calendar.js";
import type { Term, Vocabulary } from "./vocabulary.js";

interface Ranking {
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

const metricOf = (catalog: Catalog, name: string): Metric => catalog.metrics.get(name)!;

function baseMetric(catalog: Catalog, metric: Metric): AggregateMetric {
  return isRatioMetric(metric) ? (metricOf(catalog, metric.numerator) as AggregateMetric) : metric;
}

function tableOfMetric(catalog: Catalog, metric: Metric): Table {
  return catalog.tables.get(baseMetric(catalog, metric).table)!;
}

function metricWords(metric: Metric): string {
  return metric.label ?? metric.name.replaceAll("_", " ");
}

/** A description inside parentheses: no trailing period, no nested parentheses. */
const sentence = (text: string) => text.replace(/\.\s*$/, "").replace(/\s*\([^)]*\)/g, "");

function unanswerable(catalog: Catalog, reason: string): never {
  throw new SkiffError("UNANSWERABLE", `${reason}\n${describeCapabilities(catalog)}`);
}

/** Reads a DATE time column's rolling range as whole days: "last 30 days" is the 30 full days before today. */
function fitToColumn(range: TimeRange, table: Table, column: string, asOf: Date): { range: TimeRange; note?: string } {
  const isDate = table.columns.find((c) => c.name === column)?.type.toUpperCase() === "DATE";
  if (!isDate || range.kind !== "rolling" || range.unit === "hour") return { range };
  const end = startOfUtcDay(asOf);
  const start =
    range.unit === "day" ? addUtcDays(end, -range.count) : range.unit === "week" ? addUtcDays(end, -7 * range.count) : addUtcMonths(end, -range.count * (range.unit === "year" ? 12 : 1));
  const fitted = { ...range, window: { start, end } };
  const note = `"${range.label.replace(/^in /, "")}" read as the full days ${formatUtcDate(start)} to ${formatUtcDate(addUtcDays(end, -1))} (${table.name}.${column} holds whole UTC days)`;
  return { range: fitted, note };
}

function windowNote(range: TimeRange): string {
  const { start, end } = range.window;
  const words = range.label.replace(/^in /, "");
  return `"${words}" read as ${formatUtc(start)} to ${formatUtc(end)} UTC${range.unit === "week" && range.kind === "calendar" ? " (weeks start on Monday)" : ""}`;
}

interface Reading {
  mentions: Mention[];
  unknown: string[];
  time: ReturnType<typeof parseTimePhrases>;
  ranking?: Ranking;
  share: boolean;
  wantsList: boolean;
}

function read(question: string, vocabulary: Vocabulary, asOf: Date): Reading {
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

const termsOf = <K extends Term["kind"]>(mentions: Mention[], kind: K) =>
  mentions.flatMap((m) => m.terms.filter((t): t is Extract<Term, { kind: K }> => t.kind === kind).map((term) => ({ mention: m, term })));

function planIntersection(catalog: Catalog, reading: Reading, asOf: Date): IntersectionPlan | undefined {
  const ranking = reading.ranking;
  if (!ranking?.membership) return undefined;
  for (const { mention: entityMention, term: entityTerm } of termsOf(reading.mentions, "entity")) {
    const entity = catalog.entities.get(entityTerm.entity)!;
    const event = termsOf(reading.mentions, "event").find(({ term }) => baseMetric(catalog, metricOf(catalog, term.metric)).table === entity.table);
    const ranked = termsOf(reading.mentions, "metric").find(({ term }) => tableOfMetric(catalog, metricOf(catalog, term.metric)).keys[entity.name] !== undefined);
    if (!event || !ranked) continue;
    const memberMetric = metricOf(catalog, event.term.metric) as AggregateMetric;
    const rankMetric = metricOf(catalog, ranked.term.metric);
    const homeTable = catalog.tables.get(entity.table)!;
    const assumptions: string[] = [];
    const filters: MetricFilter[] = termsOf(reading.mentions, "value")
      .filter(({ term }) => term.table === entity.table)
      .map(({ term }) => ({ kind: "equals", column: term.column, values: [term.value] }));
    const range = reading.time.range;
    const members = range ? fitToColumn(range, homeTable, memberMetric.time, asOf) : undefined;
    if (members) assumptions.push(members.note ?? windowNote(members.range));
    const rankTable = tableOfMetric(catalog, rankMetric);
    const ranking_ = range ? fitToColumn(range, rankTable, baseMetric(catalog, rankMetric).time, asOf) : undefined;
    const rankingWords = `top ${ranking.limit} by ${ranked.mention.text}`;
    assumptions.push(
      `"${rankingWords}" read as the ${ranking.limit} ${entity.name}s with the ${ranking.order === "desc" ? "most" : "fewest"} ${metricWords(rankMetric)}${ranking_ ? ` ${ranking_.range.label}` : " over all the data"} (${metricWords(rankMetric)}: ${sentence(rankMetric.description)})`,
    );
    return {
      kind: "intersection",
      entity: entity.name,
      noun: entityMention.text,
      members: {
        metric: memberMetric.name,
        event: event.mention.text,
        ...(members ? { window: members.range.window, windowWords: members.range.label } : {}),
        filters,
      },
      ranking: {
        metric: rankMetric.name,
        limit: ranking.limit,
        order: ranking.order,
        ...(ranking_ ? { window: ranking_.range.window, windowWords: ranking_.range.label } : {}),
      },
      wantsList: reading.wantsList,
      assumptions,
    };
  }
  return unanswerable(
    catalog,
    `Skiff read "in the top ${ranking.limit}" as a membership test but could not tell which set to test: name the things (e.g. domains), what they did (e.g. signed up today) and what ranks them (e.g. by requests).`,
  );
}

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

function planMetric(catalog: Catalog, reading: Reading, asOf: Date): MetricPlan {
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
    const fitted = fitToColumn(reading.time.range, table, base.time, asOf);
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

/**
 * Maps a question onto the catalog: metrics, dimensions, segments, known values,
 * time ranges, rankings, period comparisons and entity-set intersections. General
 * over whatever the catalog declares; throws UNANSWERABLE, with what it can answer,
 * rather than guess.
 */
export function interpretQuestion(question: string, catalog: Catalog, vocabulary: Vocabulary, asOf: Date): SemanticPlan {
  const reading = read(question, vocabulary, asOf);
  if (reading.unknown.length > 0) {
    const words = [...new Set(reading.unknown)].map((w) => `"${w}"`).join(", ");
    unanswerable(catalog, `Skiff couldn't map ${words} to anything in the catalog.`);
  }
  return planIntersection(catalog, reading, asOf) ?? planMetric(catalog, reading, asOf);
}
