import { BigQuery, type BigQueryOptions } from "@google-cloud/bigquery";
import { readLakeBatches } from "./read-lake-batches.js";

export interface DemoBigQueryTarget {
  project: string;
  /** An emulator's address; without it the client talks to BigQuery with Google's usual credentials. */
  apiEndpoint?: string;
}

const columns = ["usage_date", "account_id", "product", "quantity", "cost_usd"] as const;
const schema = "usage_date:DATE,account_id:INTEGER,product:STRING,quantity:FLOAT,cost_usd:NUMERIC";

/**
 * Replaces `billing.usage_daily` in a BigQuery project with the demo lake's
 * daily usage, creating the dataset when it is missing, through streaming
 * inserts of 10,000 rows. With `apiEndpoint` (an emulator) no credentials are sent.
 */
export async function loadIntoBigQuery(lake: string, target: DemoBigQueryTarget): Promise<Record<string, number>> {
  const options: BigQueryOptions = { projectId: target.project };
  if (target.apiEndpoint) {
    options.apiEndpoint = target.apiEndpoint;
    options.authClient = { getRequestHeaders: () => Promise.resolve(new Headers()), getAccessToken: () => Promise.resolve({ token: null }) } as unknown as BigQueryOptions["authClient"];
  }
  const client = new BigQuery(options);
  const dataset = client.dataset("billing");
  const [datasetExists] = await dataset.exists();
  if (!datasetExists) await client.createDataset("billing");
  const table = dataset.table("usage_daily");
  const [tableExists] = await table.exists();
  if (tableExists) await table.delete();
  await dataset.createTable("usage_daily", { schema });
  const rows = await readLakeBatches(lake, `SELECT ${columns.join(", ")} FROM billing.usage_daily`, 10_000, async (batch) => {
    await table.insert(batch.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index] ?? null]))));
  });
  return { "billing.usage_daily": rows };
}
