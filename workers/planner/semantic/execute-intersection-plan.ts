import type { AggregateMetric } from "../../../catalog/model/metric-schema.js";
import { SkiffError } from "../../../shared/errors.js";
import { sourceDidNotAnswer } from "../../engine/errors/source-did-not-answer.js";
import type { ExecutedQuery } from "../../engine/planned-query.js";
import { compileMemberQuery } from "../../sql/compile-member-query.js";
import { compileMetricQuery } from "../../sql/compile-metric-query.js";
import type { QueryRunner } from "../query-runner.js";
import type { PlannerOutcome } from "../planner.js";
import { formatValue } from "./format-value.js";
import { requireResult } from "./require-result.js";
import { metricOf, tableOfMetric } from "./metric-words.js";
import type { IntersectionPlan } from "./semantic-plan.js";

/**
 * Runs both sides of an entity-set intersection in parallel (they may live on
 * different sources), saves them to the run's scratch database and joins them there.
 */
export async function executeIntersectionPlan(plan: IntersectionPlan, runner: QueryRunner): Promise<PlannerOutcome> {
  const { catalog } = runner;
  const entity = catalog.entities.get(plan.entity);
  const memberMetric = catalog.metrics.get(plan.members.metric) as AggregateMetric | undefined;
  const home = entity ? catalog.tables.get(entity.table) : undefined;
  if (!entity || !memberMetric || !home) throw new SkiffError("INTERNAL", `plan names ${plan.entity}/${plan.members.metric}, which the catalog lacks`);

  const memberColumns = [entity.key, ...(entity.label ? [entity.label] : [])];
  const memberSql = compileMemberQuery(
    catalog,
    {
      table: home,
      columns: memberColumns,
      timeColumn: memberMetric.time,
      ...(plan.members.window ? { window: plan.members.window } : {}),
      ...(memberMetric.filter ? { where: memberMetric.filter } : {}),
      filters: plan.members.filters,
    },
    runner.dialectOf(home.source),
  );
  const ranking = compileMetricQuery(
    catalog,
    {
      metric: plan.ranking.metric,
      groupBy: [{ kind: "attribute", name: entity.name }],
      filters: [],
      ...(plan.ranking.window ? { window: plan.ranking.window } : {}),
      order: plan.ranking.order,
      limit: plan.ranking.limit,
    },
    runner.dialectOf(tableOfMetric(catalog, metricOf(catalog, plan.ranking.metric)).source),
  );
  const rankKey = ranking.columns.find((c) => c.entity === entity.name)!.name;
  const memberWords = `${plan.noun} that ${plan.members.event}${plan.members.windowWords ? ` ${plan.members.windowWords}` : ""}`;
  const rankWords = `top ${plan.ranking.limit} by ${ranking.metric.label ?? ranking.metric.name}${plan.ranking.windowWords ? ` ${plan.ranking.windowWords}` : ""}`;

  const [members, ranked] = (await runner.run([
    { id: runner.nextId(), source: home.source, sql: memberSql, purpose: memberWords, ...(plan.members.window ? { window: plan.members.window } : {}) },
    { id: runner.nextId(), source: ranking.table.source, sql: ranking.sql, purpose: rankWords, ...(plan.ranking.window ? { window: plan.ranking.window } : {}) },
  ])) as [ExecutedQuery, ExecutedQuery];
  const memberRows = requireResult(members);
  if (ranked.error && sourceDidNotAnswer(ranked.error)) {
    // Half an intersection is still worth saying when it is the half that was
    // asked about: the members are known, their ranking is not. The pipeline
    // adds the partial caveat naming the source that did not answer.
    const count = memberRows.rows.length;
    const answer = `${count} ${memberWords}; Skiff could not check which of them are in the ${rankWords}, because ${ranked.query.source} did not answer (${ranked.error.message}).`;
    return { answer, result: memberRows, assumptions: plan.assumptions, plan };
  }
  requireResult(ranked);
  await runner.save("members", members);
  await runner.save("ranking", ranked);
  const metric = ranking.metric.name;
  const direction = plan.ranking.order === "asc" ? "ASC" : "DESC";
  const combined = await runner.combine(
    [
      `SELECT ${memberColumns.map((c) => `m.${c}`).join(", ")}, r.rank, r.${metric}`,
      "FROM members m",
      `JOIN (SELECT ${rankKey}, ${metric}, row_number() OVER (ORDER BY ${metric} ${direction}, ${rankKey}) AS rank FROM ranking) r`,
      `  ON m.${entity.key} = r.${rankKey}`,
      "ORDER BY r.rank",
    ].join("\n"),
    `${memberWords} that are in the ${rankWords}`,
  );
  const result = requireResult(combined);
  const count = result.rows.length;
  const unit = ranking.metric.unit;
  const labelIndex = entity.label ? result.columns.indexOf(entity.label) : 0;
  const best = result.rows[0];
  const lead = best ? ` Highest ranked: ${String(best[labelIndex])} at #${String(best[result.columns.indexOf("rank")])} with ${formatValue(best[result.columns.indexOf(metric)] ?? null, unit)}.` : "";
  const answer = `${count} of the ${memberRows.rows.length} ${memberWords} are in the ${rankWords}.${lead}`;
  return { answer, result, assumptions: plan.assumptions, plan };
}

