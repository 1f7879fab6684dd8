import pg from "pg";

/** Every value arrives as Postgres' text; postgresCell turns it into a cell by type. */
const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/**
 * Runs one statement (a FETCH) and hands each row to `onRow` as it arrives,
 * as an array of texts (null for NULL) with the result's columns. pg keeps no rows of its own when a
 * query has a row listener, so a batch is never held whole: what the caller
 * keeps is all the memory it costs.
 *
 * @returns the result's columns, once the statement is complete
 */
export function streamPostgresRows(client: pg.PoolClient, text: string, onRow: (row: Array<string | null>, fields: readonly pg.FieldDef[]) => void): Promise<pg.FieldDef[]> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query({ text, rowMode: "array", types: rawText } as pg.QueryConfig);
    query.on("row", (row: Array<string | null>, result?: pg.ResultBuilder) => onRow(row, result?.fields ?? []));
    query.on("end", (result: pg.ResultBuilder) => resolve(result.fields));
    query.on("error", reject);
    void client.query(query);
  });
}
