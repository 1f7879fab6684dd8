/** BigQuery's REST shapes the fake speaks (the parts the client reads). */
export interface BigQueryField {
  name: string;
  type: string;
  mode: "NULLABLE";
}

export interface FakeJob {
  jobId: string;
  projectId: string;
  location: string;
  query: string;
  statementType: string;
  totalBytesProcessed: number;
  dryRun: boolean;
  /** Set when the job failed; getQueryResults answers with it. */
  error?: { code: number; reason: string; message: string };
  schema: BigQueryField[];
  rows: Array<{ f: Array<{ v: string | null }> }>;
  created: number;
}

/** One request the fake served, for tests to assert on. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}
