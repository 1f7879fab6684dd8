import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load-catalog.js";
import type { Catalog } from "../catalog/model/catalog.js";
import { isRatioMetric, type AggregateMetric } from "../catalog/model/metric-schema.js";
import { fixedClock } from "../shared/clock.js";
import { isSkiffError } from "../shared/errors.js";
import { silentLogger } from "../shared/logger.js";
import { packageRoot } from "../shared/package-root.js";
import { createEngine, type Engine } from "../workers/engine/create-engine.js";
import { isAllowedFunction } from "../workers/engine/guard/allowed-functions/index.js";
import { functionName } from "../workers/engine/guard/function-name.js";
import { parseSql } from "../workers/engine/guard/parse-sql.js";
import { walkAst } from "../workers/engine/guard/sql-ast.js";
import { guardSql } from "../workers/engine/guard-sql.js";
import { createRunContext } from "../workers/pipeline/create-run-context.js";
import { createSemanticPlanner } from "../workers/planner/semantic/create-semantic-planner.js";
import { createSourceAdapter } from "../workers/sources/create-source-adapter.js";
import type { SourceAdapter } from "../workers/sources/source-adapter.js";
import { compileMetricQuery } from "../workers/sql/compile-metric-query.js";
import { dialectOf, dialects, type Dialect } from "../workers/sql/dialect.js";
import type { MetricQuery } from "../workers/sql/metric-query.js";
import { timeGrains } from "../workers/sql/time-grain.js";
import { exampleQuestions } from "./fixtures/example-questions.js";
import { demoLakePath, TEST_AS_OF } from "./fixtures/demo-lake.js";

// The function allowlist must not refuse anything Skiff itself writes or is
// graded on: the eval sets' expected SQL, the metric compiler's SQL in every
// dialect, and what the semantic planner runs for the demo questions.

const evalCatalogs = ["catalog/demo", "test/fixtures/catalogs/mini"];

function functionsIn(sql: string): string[] {
  const names = new Set<string>();
  walkAst(parseSql(sql, "duckdb").statements, (node) => {
    const name = functionName(node);
    if (name !== undefined) names.add(name);
  });
  return [...names];
}

function refusalRule(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (isSkiffError(error, "SQL_REJECTED")) return String(error.detail?.rule);
    throw error;
  }
}

describe.each(evalCatalogs)("the eval set of %s", (dir) => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog(join(packageRoot(), dir));
  });

  it("calls only functions on every dialect's list", () => {
    const refused: string[] = [];
    for (const question of catalog.evals?.questions ?? []) {
      for (const name of functionsIn(question.sql)) {
        for (const dialect of dialects) if (!isAllowedFunction(dialect, name)) refused.push(`${question.id}: ${name} (${dialect})`);
      }
    }
    expect(catalog.evals?.questions.length).toBeGreaterThan(0);
    expect(refused).toEqual([]);
  });

  it("passes the guard on its source, or is refused only for reading another source", () => {
    const refused: string[] = [];
    for (const question of catalog.evals?.questions ?? []) {
      const rules = [...catalog.sources.values()].map((source) => refusalRule(() => guardSql({ sql: question.sql, source: source.name, dialect: dialectOf(source.kind), catalog })));
      if (!rules.includes(undefined)) refused.push(...rules.filter((rule) => rule !== "unknown-table").map((rule) => `${question.id}: ${rule}`));
    }
    expect(refused).toEqual([]);
  });
});

describe("the metric compiler's SQL", () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog(join(packageRoot(), "catalog", "demo"));
  });

  const window = { start: new Date("2026-11-23T12:00:00Z"), end: new Date("2026-11-30T12:00:00Z") };
  const compare = { start: new Date("2026-11-16T12:00:00Z"), end: new Date("2026-11-23T12:00:00Z") };

  /** Every breakdown, window, comparison, share and ranking the compiler offers for a metric. */
  function queriesFor(metricName: string): MetricQuery[] {
    const metric = catalog.metrics.get(metricName);
    const base = metric && isRatioMetric(metric) ? (catalog.metrics.get(metric.numerator) as AggregateMetric) : (metric as AggregateMetric);
    const groups: MetricQuery["groupBy"][] = [[], ...timeGrains.map((grain) => [{ kind: "time" as const, grain }]), ...base.dimensions.map((name) => [{ kind: "attribute" as const, name }])];
    const segments = [...catalog.segments.values()].filter((segment) => segment.table === base.table);
    const queries: MetricQuery[] = [];
    for (const groupBy of groups) {
      queries.push({ metric: metricName, groupBy, filters: [] });
      queries.push({ metric: metricName, groupBy, filters: [], window, compare, order: "desc", limit: 10 });
      for (const segment of segments) {
        queries.push({ metric: metricName, groupBy, filters: [{ kind: "segment", name: segment.name }], window, order: "asc", limit: 5 });
        queries.push({ metric: metricName, groupBy, filters: [], window, shareOf: { kind: "segment", name: segment.name } });
      }
    }
    return queries;
  }

  it.each(dialects)("passes the guard in %s", (dialect: Dialect) => {
    const refused: string[] = [];
    let compiled = 0;
    for (const metricName of catalog.metrics.keys()) {
      for (const query of queriesFor(metricName)) {
        const { sql, table } = compileMetricQuery(catalog, query, dialect);
        compiled += 1;
        const rule = refusalRule(() => guardSql({ sql, source: table.source, dialect, catalog }));
        if (rule !== undefined) refused.push(`${rule}: ${sql}`);
      }
    }
    expect(compiled).toBeGreaterThan(100);
    expect(refused).toEqual([]);
  });
});

describe("the semantic planner on the demo lake", () => {
  let catalog: Catalog;
  let sources: Map<string, SourceAdapter>;
  let engine: Engine;

  beforeAll(async () => {
    const lake = await demoLakePath();
    catalog = await loadCatalog(join(packageRoot(), "catalog", "demo"));
    sources = new Map([...catalog.sources.values()].map((source) => [source.name, createSourceAdapter(source, { SKIFF_DEMO_DB: lake })]));
    const limits = { maxRows: 1_000, queryTimeoutMs: 30_000, runDeadlineMs: 60_000, maxTransferRows: 100_000, freshnessCacheMs: 60_000 };
    engine = createEngine({ catalog, sources, limits, clock: fixedClock(TEST_AS_OF), logger: silentLogger });
  });

  afterAll(async () => {
    engine?.close();
    await Promise.allSettled([...(sources?.values() ?? [])].map((source) => source.close()));
  });

  it("has every statement and combine it runs for the demo and eval questions admitted", async () => {
    const questions = [...exampleQuestions, ...(catalog.evals?.questions.map((q) => q.question) ?? [])];
    const planner = createSemanticPlanner({ catalog });
    const refused: string[] = [];
    let statements = 0;
    for (const question of questions) {
      const context = createRunContext({ catalog, engine, asOf: TEST_AS_OF, signal: AbortSignal.timeout(60_000) });
      await planner.answer({ question, history: [] }, context).catch((error: unknown) => {
        if (!isSkiffError(error, "UNANSWERABLE")) throw error;
      });
      await context.close();
      statements += context.executed.length;
      for (const executed of context.executed) {
        if (isSkiffError(executed.error, "SQL_REJECTED")) refused.push(`${question}: ${executed.error.message}\n${executed.query.sql}`);
      }
    }
    expect(statements).toBeGreaterThan(questions.length);
    expect(refused).toEqual([]);
  }, 120_000);
});
