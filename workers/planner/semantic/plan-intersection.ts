import type { Catalog } from "../../../catalog/model/catalog.js";
import type { AggregateMetric } from "../../../catalog/model/metric-schema.js";
import type { MetricFilter } from "../../sql/metric-query.js";
import { fitTimeRange, windowNote } from "./fit-time-range.js";
import { baseMetric, metricOf, metricWords, sentence, tableOfMetric } from "./metric-words.js";
import { termsOf, type Reading } from "./read-question.js";
import type { IntersectionPlan } from "./semantic-plan.js";
import { unanswerable } from "./unanswerable.js";

/** "How many <entity> that <event> <when> are in the top N by <metric>?": two sets, one join. */
export function planIntersection(catalog: Catalog, reading: Reading, asOf: Date): IntersectionPlan | undefined {
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
    const members = range ? fitTimeRange(range, homeTable, memberMetric.time, asOf) : undefined;
    if (members) assumptions.push(members.note ?? windowNote(members.range));
    const rankTable = tableOfMetric(catalog, rankMetric);
    const ranking_ = range ? fitTimeRange(range, rankTable, baseMetric(catalog, rankMetric).time, asOf) : undefined;
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
