import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempCatalogs } from "../test/fixtures/temp-catalog.js";
import { isSkiffError } from "../shared/errors.js";
import { loadCatalog } from "./load-catalog.js";
import { isRatioMetric } from "./model/index.js";

const fixtures = "test/fixtures/catalogs";

const writeTempCatalog = tempCatalogs();

async function loadError(dir: string): Promise<{ message: string; detail: Record<string, unknown> | undefined }> {
  const error: unknown = await loadCatalog(dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSkiffError(error, "CATALOG_INVALID")) throw new Error(`expected CATALOG_INVALID, got ${String(error)}`);
  return { message: error.message, detail: error.detail };
}

describe("loadCatalog on a valid catalog", () => {
  it("merges every file of the folder, .yaml and .yml, in sub-folders too", async () => {
    const catalog = await loadCatalog(`${fixtures}/mini`);
    expect(catalog.dir).toBe(resolve(fixtures, "mini"));
    expect([...catalog.sources.keys()]).toEqual(["lake", "billing"]);
    // Files load in code-point order: tables/http-requests.yml, tables/invoices.yaml, tables/zones.yaml.
    expect([...catalog.tables.keys()]).toEqual(["lake.http_requests", "billing.invoices", "lake.zones"]);
    expect([...catalog.entities.keys()]).toEqual(["zone"]);
    expect([...catalog.metrics.keys()]).toEqual(["requests", "bandwidth", "server_errors", "error_rate", "signups", "revenue"]);
    expect([...catalog.dimensions.keys()]).toEqual(["status_class"]);
    expect([...catalog.segments.keys()]).toEqual(["cache_hits"]);
    expect(catalog.glossary.map((term) => term.term)).toEqual(["signup"]);
    expect(catalog.evals?.questions.map((question) => question.id)).toEqual(["signups-today"]);
  });

  it("applies the schema's defaults and transforms", async () => {
    const catalog = await loadCatalog(`${fixtures}/mini`);
    const zones = catalog.tables.get("lake.zones");
    expect(zones?.freshness?.maxLag).toBe(36 * 3_600_000);
    expect(catalog.tables.get("billing.invoices")?.columns[0]?.synonyms).toEqual([]);
    const errorRate = catalog.metrics.get("error_rate");
    expect(errorRate !== undefined && isRatioMetric(errorRate)).toBe(true);
  });

  it("keeps pending columns in the catalog", async () => {
    const catalog = await loadCatalog(`${fixtures}/mini`);
    const riskScore = catalog.tables.get("lake.zones")?.columns.find((column) => column.name === "risk_score");
    expect(riskScore?.review).toBe("pending");
  });
});

describe("loadCatalog on a broken file", () => {
  it("names the file and line of a YAML syntax error, and only that file", async () => {
    const { message } = await loadError(`${fixtures}/broken-yaml-syntax`);
    expect(message).toContain("catalog test/fixtures/catalogs/broken-yaml-syntax is invalid (1 problem):");
    expect(message).toContain("test/fixtures/catalogs/broken-yaml-syntax/metrics.yaml:9:5: YAML syntax error: Flow sequence in block collection");
    expect(message).not.toContain("base.yaml");
  });

  it("reports every wrong enum value with file, line, path and the allowed values", async () => {
    const { message, detail } = await loadError(`${fixtures}/broken-enum`);
    expect(message).toContain("(2 problems)");
    expect(message).toContain(
      'broken-enum/catalog.yaml:4:5 sources[0].kind: expected one of duckdb|postgres|clickhouse|bigquery|trino, got "mysql"',
    );
    expect(message).toContain(
      'broken-enum/catalog.yaml:16:9 tables[0].columns[1].pii: expected one of email|ip_address|person_name|phone|address|free_text|identifier, got "mail"',
    );
    expect(detail?.issues).toContainEqual({
      file: "test/fixtures/catalogs/broken-enum/catalog.yaml",
      line: 16,
      col: 9,
      path: "tables[0].columns[1].pii",
      message: expect.stringContaining("expected one of email|") as unknown,
    });
  });

  it("rejects a secret written inline without repeating it", async () => {
    const { message, detail } = await loadError(`${fixtures}/broken-inline-secret`);
    expect(message).toContain(
      "broken-inline-secret/sources.yaml:7:7 sources[0].connection.password: secrets never live in catalog files: set password to an environment reference such as ${BILLING_PASSWORD}",
    );
    expect(message).not.toContain("hunter2");
    expect(JSON.stringify(detail)).not.toContain("hunter2");
  });

  it("rejects a key the schema would silently drop, suggesting the meant one", async () => {
    const { message } = await loadError(`${fixtures}/broken-unknown-key`);
    expect(message).toContain('broken-unknown-key/users.yaml:13:9 tables[0].columns[1].pi: unknown key "pi"; did you mean "pii"?');
  });
});

describe("loadCatalog cross-checks", () => {
  it("names a metric's unknown table and suggests the close one", async () => {
    const { message } = await loadError(`${fixtures}/broken-metric-table`);
    expect(message).toContain('broken-metric-table/metrics.yaml:5:5 metrics[0].table: table "lake.zone" is not declared; did you mean "lake.zones"?');
  });

  it("names a metric's missing time column and lists the table's columns", async () => {
    const { message } = await loadError(`${fixtures}/broken-metric-time`);
    expect(message).toContain(
      'broken-metric-time/metrics.yaml:7:5 metrics[0].time: time column "signup_time" is not a column of lake.zones; name its timestamp or date column (known: zone_id, created_at)',
    );
  });

  it("points at both declarations of a duplicate table", async () => {
    const { message } = await loadError(`${fixtures}/broken-duplicate-table`);
    expect(message).toContain(
      'broken-duplicate-table/more/zones-again.yaml:3:5 tables[0].name: duplicate table "lake.zones": already declared at test/fixtures/catalogs/broken-duplicate-table/a-zones.yaml:8:5; rename or remove one of them',
    );
  });
});

describe("loadCatalog on a folder that is not a catalog", () => {
  it("says a missing folder does not exist and what it should hold", async () => {
    const { message } = await loadError(`${fixtures}/no-such-catalog`);
    expect(message).toContain("catalog folder test/fixtures/catalogs/no-such-catalog does not exist");
    expect(message).toContain("it should hold the catalog's YAML files");
  });

  it("says a folder without YAML files holds none", async () => {
    const dir = await writeTempCatalog({ "README.md": "# not a catalog\n" });
    const { message } = await loadError(dir);
    expect(message).toContain(`catalog folder ${dir} holds no .yaml or .yml files`);
  });

  it("says a file is not a folder", async () => {
    const { message } = await loadError(`${fixtures}/mini/sources.yaml`);
    expect(message).toContain("catalog folder test/fixtures/catalogs/mini/sources.yaml is a file, not a folder");
  });

  it("says a catalog without tables declares none", async () => {
    const dir = await writeTempCatalog({ "notes.yaml": "# only comments so far\n" });
    const { message } = await loadError(dir);
    expect(message).toContain("declares no tables");
  });

  it("skips hidden folders", async () => {
    const dir = await writeTempCatalog({ "catalog.yaml": "{}\n" });
    await mkdir(join(dir, ".git"));
    await writeFile(join(dir, ".git", "broken.yaml"), "not: [valid\n");
    const { message } = await loadError(dir);
    expect(message).toContain("declares no tables");
  });
});

describe("loadCatalog error lists", () => {
  it("lists the first 20 problems across files and keeps them all in detail", async () => {
    const columns = (pii: string) => Array.from({ length: 13 }, (_, i) => `      - { name: c${i}, type: INT, pii: ${pii} }`).join("\n");
    const table = (name: string, pii: string) =>
      `tables:\n  - name: ${name}\n    source: lake\n    description: d\n    owner: o\n    grain: g\n    columns:\n${columns(pii)}\n`;
    const dir = await writeTempCatalog({ "a.yaml": table("a", "mail"), "b.yaml": table("b", "phone_number") });
    const { message, detail } = await loadError(dir);
    expect(message).toContain("(26 problems)");
    expect(message).toContain("... and 6 more");
    expect(message.split("\n").filter((line) => line.includes("pii: expected one of"))).toHaveLength(20);
    expect(detail?.issues).toHaveLength(26);
    // In file and line order: a.yaml first.
    expect(message.indexOf("a.yaml:8:")).toBeLessThan(message.indexOf("b.yaml:8:"));
  });
});
