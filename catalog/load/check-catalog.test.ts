import { describe, expect, it } from "vitest";
import { tempCatalogs } from "../../test/fixtures/temp-catalog.js";
import { isSkiffError } from "../../shared/errors.js";
import { loadCatalog } from "../load-catalog.js";

const writeTempCatalog = tempCatalogs();

/** One source, two tables and the zone entity: a valid base for each test to break. */
const baseCatalogYaml = `
sources:
  - name: lake
    kind: duckdb
tables:
  - name: zones
    source: lake
    description: Every zone.
    owner: accounts-team
    grain: one row per zone
    columns:
      - name: zone_id
        type: BIGINT
      - name: domain
        type: VARCHAR
      - name: created_at
        type: TIMESTAMP
  - name: http_requests
    source: lake
    description: Sampled requests.
    owner: analytics-team
    grain: one row per sampled request
    keys:
      zone: zone_id
    columns:
      - name: ts
        type: TIMESTAMP
      - name: zone_id
        type: BIGINT
      - name: status
        type: INTEGER
      - name: bytes
        type: BIGINT
entities:
  - name: zone
    table: lake.zones
    key: zone_id
    label: domain
`;

/** Loads `base.yaml` (one source, two tables, the zone entity) plus `extra.yaml`, expecting it to fail. */
async function problems(extra: string, more: Record<string, string> = {}): Promise<string> {
  const dir = await writeTempCatalog({ "base.yaml": baseCatalogYaml, "extra.yaml": extra, ...more });
  const error: unknown = await loadCatalog(dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSkiffError(error, "CATALOG_INVALID")) throw new Error(`expected CATALOG_INVALID, got ${String(error)}`);
  return error.message.replaceAll(`${dir}/`, "");
}

async function loads(extra: string): Promise<void> {
  const dir = await writeTempCatalog({ "base.yaml": baseCatalogYaml, "extra.yaml": extra });
  await loadCatalog(dir);
}

describe("table checks", () => {
  it("requires a declared source", async () => {
    const message = await problems(`
tables:
  - { name: t, source: laek, description: d, owner: o, grain: g, columns: [{ name: a, type: INT }] }
`);
    expect(message).toContain('extra.yaml:3:16 tables[0].source: source "laek" is not declared; did you mean "lake"?');
  });

  it("requires keys to name declared entities and existing columns", async () => {
    const message = await problems(`
tables:
  - name: t
    source: lake
    description: d
    owner: o
    grain: g
    keys: { zone: zone_key, account: account_id }
    columns: [{ name: zone_id, type: INT }, { name: account_id, type: INT }]
`);
    expect(message).toContain('extra.yaml:8:13 tables[0].keys.zone: join key column "zone_key" is not a column of lake.t; name one of its columns (known: zone_id, account_id)');
    expect(message).toContain('tables[0].keys.account: join key for entity "account", which is not declared; declare it under entities: (known: zone)');
  });

  it("requires freshness, sampling and retention columns to exist", async () => {
    const message = await problems(`
tables:
  - name: t
    source: lake
    description: d
    owner: o
    grain: g
    columns: [{ name: ts, type: TIMESTAMP }]
    freshness: { column: updated_at, maxLag: 1h }
    sampling: { weight: sample_weight }
    retention: { days: 30, column: event_time }
`);
    expect(message).toContain('tables[0].freshness.column: freshness column "updated_at" is not a column of lake.t');
    expect(message).toContain('tables[0].sampling.weight: sampling weight column "sample_weight" is not a column of lake.t');
    expect(message).toContain('tables[0].retention.column: retention column "event_time" is not a column of lake.t');
  });

  it("requires a table's entity to be declared with this table as its home", async () => {
    const message = await problems(`
tables:
  - { name: t, source: lake, entity: zone, description: d, owner: o, grain: g, columns: [{ name: a, type: INT }] }
  - { name: u, source: lake, entity: account, description: d, owner: o, grain: g, columns: [{ name: a, type: INT }] }
`);
    expect(message).toContain('tables[0].entity: entity "zone" has its home in lake.zones, not lake.t');
    expect(message).toContain('tables[1].entity: entity "account" is not declared');
  });

  it("rejects a column declared twice", async () => {
    const message = await problems(`
tables:
  - { name: t, source: lake, description: d, owner: o, grain: g, columns: [{ name: a, type: INT }, { name: a, type: INT }] }
`);
    expect(message).toContain('tables[0].columns[1].name: duplicate column "a" in lake.t');
  });
});

describe("entity checks", () => {
  it("requires the home table and its key and label columns", async () => {
    const message = await problems(`
entities:
  - { name: account, table: lake.accounts, key: account_id }
  - { name: site, table: lake.zones, key: zone_key, label: hostname }
`);
    expect(message).toContain('entities[0].table: table "lake.accounts" is not declared');
    expect(message).toContain('extra.yaml:4:38 entities[1].key: key column "zone_key" is not a column of lake.zones; name one of its columns (known: zone_id, domain, created_at)');
    expect(message).toContain('entities[1].label: label column "hostname" is not a column of lake.zones');
  });
});

describe("metric checks", () => {
  it("resolves dimensions to columns, declared dimensions and keyed entities", async () => {
    await loads(`
dimensions:
  - { name: status_class, table: lake.http_requests, expression: "status / 100" }
metrics:
  - { name: requests, description: d, table: lake.http_requests, aggregate: count, time: ts, dimensions: [status, status_class, zone] }
  - { name: signups, description: d, table: lake.zones, aggregate: count, time: created_at, dimensions: [zone, domain] }
`);
  });

  it("names a dimension that resolves to nothing on the metric's table", async () => {
    const message = await problems(`
dimensions:
  - { name: plan_tier, table: lake.zones, expression: "1" }
metrics:
  - { name: requests, description: d, table: lake.http_requests, aggregate: count, time: ts, dimensions: [statuss, plan_tier] }
`);
    expect(message).toContain(
      'metrics[0].dimensions[0]: "statuss" is not a column of lake.http_requests, a dimension declared on it, or an entity it has a key for; did you mean "status"?',
    );
    expect(message).toContain('metrics[0].dimensions[1]: "plan_tier" is not a column of lake.http_requests');
  });

  it("requires an expression for every aggregate but count", async () => {
    const message = await problems(`
metrics:
  - { name: bandwidth, description: d, table: lake.http_requests, aggregate: sum, time: ts }
`);
    expect(message).toContain("extra.yaml:3:67 metrics[0].aggregate: aggregate sum needs an expression");
  });

  it("requires ratio parts to be aggregate metrics of one table", async () => {
    const message = await problems(`
metrics:
  - { name: requests, description: d, table: lake.http_requests, aggregate: count, time: ts }
  - { name: signups, description: d, table: lake.zones, aggregate: count, time: created_at }
  - { name: per_signup, description: d, numerator: requests, denominator: signups }
  - { name: nested, description: d, numerator: per_signup, denominator: requets }
`);
    expect(message).toContain(
      'metrics[2].denominator: numerator "requests" is on lake.http_requests but denominator "signups" is on lake.zones; a ratio divides two metrics of the same table',
    );
    expect(message).toContain('metrics[3].numerator: numerator "per_signup" is itself a ratio');
    expect(message).toContain('metrics[3].denominator: denominator "requets" is not a declared metric; did you mean "requests"?');
  });

  it("reports a ratio metric's schema problems without the aggregate branch's", async () => {
    const message = await problems(`
metrics:
  - { name: rate, description: d, numerator: requests, unit: ratio }
`);
    expect(message).toContain("(2 problems)");
    expect(message).toContain("metrics[0].unit: expected one of count|bytes|usd|percent|number");
    expect(message).toContain("extra.yaml:3:5 metrics[0].denominator: missing: expected a string");
  });
});

describe("other references", () => {
  it("requires dimension and segment tables", async () => {
    const message = await problems(`
dimensions:
  - { name: d1, table: lake.nope, expression: "1" }
segments:
  - { name: s1, table: lake.zone, where: "1 = 1" }
`);
    expect(message).toContain('dimensions[0].table: table "lake.nope" is not declared');
    expect(message).toContain('segments[0].table: table "lake.zone" is not declared; did you mean "lake.zones"?');
  });

  it("requires glossary refs to name catalog items", async () => {
    const message = await problems(`
glossary:
  - { term: site, definition: A zone., refs: [zone, lake.zones, zones] }
`);
    expect(message).toContain('glossary[0].refs[2]: ref "zones" names no table (source.table), metric, entity, dimension or segment; did you mean "zone"?');
    expect(message).not.toContain("refs[0]");
  });

  it("allows evals in one file only", async () => {
    const evals = `evals:\n  asOf: "2025-06-01T00:00:00Z"\n  questions: [{ id: q1, question: q, sql: select 1 }]\n`;
    const message = await problems(evals, { "more-evals.yaml": evals });
    expect(message).toContain("more-evals.yaml:1:1 evals: evals are already declared at extra.yaml:1:1; keep one evals section");
  });

  it("rejects duplicate names of every kind", async () => {
    const message = await problems(`
sources:
  - { name: lake, kind: duckdb }
entities:
  - { name: zone, table: lake.zones, key: zone_id }
segments:
  - { name: s, table: lake.zones, where: "1 = 1" }
  - { name: s, table: lake.zones, where: "1 = 1" }
`);
    expect(message).toContain('extra.yaml:3:7 sources[0].name: duplicate source "lake": already declared at base.yaml:3:5');
    expect(message).toContain('entities[0].name: duplicate entity "zone"');
    expect(message).toContain('segments[1].name: duplicate segment "s": already declared at extra.yaml:7:7');
  });
});

describe("schema messages", () => {
  it("points a missing required key at its mapping", async () => {
    const message = await problems(`
tables:
  - name: t
    source: lake
    description: d
    grain: g
    columns: [{ name: a, type: INT }]
`);
    expect(message).toContain("extra.yaml:3:5 tables[0].owner: missing: expected a string");
  });

  it("suggests the section a misspelt top-level key meant", async () => {
    const message = await problems("metrcs: []\n");
    expect(message).toContain('extra.yaml:1:1 metrcs: unknown key "metrcs"; did you mean "metrics"?');
  });

  it("asks to quote a number where a string belongs, without echoing connection values", async () => {
    const message = await problems(`
sources:
  - { name: pg, kind: postgres, connection: { port: 5432, password: 12345678 } }
`);
    expect(message).toContain("sources[0].connection.port: expected a string, got a number (quote it)");
    expect(message).not.toContain("12345678");
  });

  it("explains durations, whole numbers and empty lists", async () => {
    const message = await problems(`
tables:
  - name: t
    source: lake
    description: d
    owner: o
    grain: g
    columns: []
    freshness: { column: a, maxLag: 2 hours }
    retention: { days: 1.5, column: a }
`);
    expect(message).toContain("tables[0].columns: must list at least one item");
    expect(message).toContain('tables[0].freshness.maxLag: write a duration as a number and a unit: 90s, 15m, 36h, 2d (got "2 hours")');
    expect(message).toContain("tables[0].retention.days: expected a whole number, got 1.5");
  });

  it("says when a real key sits where it does not belong", async () => {
    const message = await problems(`
metrics:
  - { name: m, description: d, table: lake.zones, aggregate: count, time: created_at, numerator: m }
`);
    expect(message).toContain('metrics[0].numerator: key "numerator" does not belong here');
  });

  it("says a file must be a mapping of sections", async () => {
    const message = await problems("- just\n- a list\n");
    expect(message).toContain("extra.yaml:1:1: a catalog file is a mapping of sections");
  });

  it("reports duplicate YAML keys as syntax errors", async () => {
    const message = await problems("glossary: []\nglossary: []\n");
    expect(message).toContain("extra.yaml:2:1: YAML syntax error: Map keys must be unique");
  });
});
