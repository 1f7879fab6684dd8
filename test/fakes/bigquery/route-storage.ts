import type { DuckDBConnection } from "@duckdb/node-api";
import { bigQueryFieldType } from "./bigquery-field-type.js";

const duckdbTypes: Readonly<Record<string, string>> = {
  STRING: "VARCHAR",
  INTEGER: "BIGINT",
  INT64: "BIGINT",
  FLOAT: "DOUBLE",
  FLOAT64: "DOUBLE",
  NUMERIC: "DECIMAL(38,9)",
  BOOLEAN: "BOOLEAN",
  BOOL: "BOOLEAN",
  DATE: "DATE",
  TIMESTAMP: "TIMESTAMP",
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: unknown) => (value === null || value === undefined ? "NULL" : `'${(typeof value === "string" ? value : JSON.stringify(value)).replaceAll("'", "''")}'`);
const text = (value: unknown) => (typeof value === "string" ? value : "");

function notFound(what: string): [number, unknown] {
  return [404, { error: { code: 404, message: `Not found: ${what}`, errors: [{ message: `Not found: ${what}`, domain: "global", reason: "notFound" }], status: "NOT_FOUND" } }];
}

/** datasets.get/insert, tables.get/insert/delete and tabledata.insertAll, on DuckDB schemas and tables. */
export async function routeStorage(
  connection: DuckDBConnection,
  method: string,
  project: string,
  dataset: string | undefined,
  table: string | undefined,
  insertAll: boolean,
  body: Record<string, unknown>,
): Promise<[number, unknown]> {
  const schemaExists = async (name: string) => (await connection.runAndReadAll(`SELECT 1 FROM information_schema.schemata WHERE schema_name = ${literal(name)}`)).getRows().length > 0;
  const columns = async (d: string, t: string) =>
    (await connection.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ${literal(d)} AND table_name = ${literal(t)} ORDER BY ordinal_position`)).getRows().map(([name, type]) => ({ name: String(name), type: String(type) }));

  if (dataset === undefined) {
    if (method !== "POST") return [405, {}];
    const id = text((body.datasetReference as { datasetId?: unknown } | undefined)?.datasetId);
    await connection.run(`CREATE SCHEMA ${quote(id)}`);
    return [200, { kind: "bigquery#dataset", id: `${project}:${id}`, datasetReference: { projectId: project, datasetId: id } }];
  }
  if (table === undefined) {
    if (method === "GET") return (await schemaExists(dataset)) ? [200, { kind: "bigquery#dataset", id: `${project}:${dataset}`, datasetReference: { projectId: project, datasetId: dataset } }] : notFound(`Dataset ${project}:${dataset}`);
    if (method !== "POST") return [405, {}];
    const id = text((body.tableReference as { tableId?: unknown } | undefined)?.tableId);
    const fields = ((body.schema as { fields?: Array<{ name: string; type: string }> } | undefined)?.fields ?? []).map((f) => `${quote(f.name)} ${duckdbTypes[f.type.toUpperCase()] ?? "VARCHAR"}`);
    await connection.run(`CREATE TABLE ${quote(dataset)}.${quote(id)} (${fields.join(", ")})`);
    return [200, { kind: "bigquery#table", id: `${project}:${dataset}.${id}`, tableReference: { projectId: project, datasetId: dataset, tableId: id }, schema: body.schema }];
  }
  return routeTable(connection, method, project, dataset, table, insertAll, body, columns);
}

async function routeTable(
  connection: DuckDBConnection,
  method: string,
  project: string,
  dataset: string,
  table: string,
  insertAll: boolean,
  body: Record<string, unknown>,
  columns: (d: string, t: string) => Promise<Array<{ name: string; type: string }>>,
): Promise<[number, unknown]> {
  const name = `${quote(dataset)}.${quote(table)}`;
  const existing = await columns(dataset, table);
  const resource = (cols: Array<{ name: string; type: string }>) => ({
    kind: "bigquery#table",
    id: `${project}:${dataset}.${table}`,
    tableReference: { projectId: project, datasetId: dataset, tableId: table },
    schema: { fields: cols.map((c) => ({ name: c.name, type: bigQueryFieldType(c.type), mode: "NULLABLE" })) },
  });
  if (insertAll) {
    if (existing.length === 0) return notFound(`Table ${project}:${dataset}.${table}`);
    const rows = (body.rows as Array<{ json: Record<string, unknown> }> | undefined) ?? [];
    for (let start = 0; start < rows.length; start += 1_000) {
      const values = rows.slice(start, start + 1_000).map((row) => `(${existing.map((c) => literal(row.json[c.name])).join(", ")})`);
      if (values.length > 0) await connection.run(`INSERT INTO ${name} VALUES ${values.join(", ")}`);
    }
    return [200, { kind: "bigquery#tableDataInsertAllResponse" }];
  }
  if (method === "GET") return existing.length > 0 ? [200, resource(existing)] : notFound(`Table ${project}:${dataset}.${table}`);
  if (method === "DELETE") {
    if (existing.length === 0) return notFound(`Table ${project}:${dataset}.${table}`);
    await connection.run(`DROP TABLE ${name}`);
    return [204, {}];
  }
  return [405, {}];
}
