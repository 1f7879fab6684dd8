import { BigQuery } from "@google-cloud/bigquery";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeBigQuery, type FakeBigQuery } from "./create-fake-bigquery.js";

let fake: FakeBigQuery;
let client: BigQuery;

beforeAll(async () => {
  fake = await createFakeBigQuery({ projectId: "acme" });
  await fake.exec("CREATE SCHEMA billing; CREATE TABLE billing.t AS SELECT i AS n, TIMESTAMP '2026-11-30 00:00:00' AS loaded_at FROM range(2500) t(i)");
  // No credentials: an auth client that adds no headers, so nothing asks Google for a token.
  const authClient = { getRequestHeaders: () => Promise.resolve(new Headers()), getAccessToken: () => Promise.resolve({ token: null }) };
  client = new BigQuery({ projectId: "acme", apiEndpoint: fake.url, authClient: authClient as never, autoRetry: false });
});

afterAll(async () => {
  await fake?.close();
});

describe("the BigQuery REST fake, driven by @google-cloud/bigquery", () => {
  it("answers jobs.query and pages getQueryResults with maxResults/pageToken, rows parsed by the client", async () => {
    fake.calls.length = 0;
    const [rows] = await client.query({ query: "SELECT n, loaded_at FROM `billing.t` ORDER BY n", maxResults: 1000 });
    expect(rows).toHaveLength(2500);
    expect(rows[2499]).toMatchObject({ n: 2499 });
    expect((rows[0] as { loaded_at: { value: string } }).loaded_at.value).toBe("2026-11-30T00:00:00.000Z");
    expect(fake.calls.map((c) => `${c.method} ${c.path.replace(/\/queries\/[^/]+$/, "/queries/:job")}`)).toEqual([
      "POST /bigquery/v2/projects/acme/queries",
      "GET /bigquery/v2/projects/acme/queries/:job",
    ]);
    // The first page came with jobs.query; the client asked for the rest from where it ended.
    expect(fake.calls[1]?.query.pageToken).toBe("1000");
  });

  it("dry-runs through jobs.insert with the statement type and the estimated bytes", async () => {
    const [job] = await client.createQueryJob({ query: "SELECT n FROM `billing.t`", dryRun: true });
    expect(job.metadata).toMatchObject({ status: { state: "DONE" }, statistics: { query: { statementType: "SELECT", totalBytesProcessed: String(2500 * 2 * 8) } } });
  });

  it("answers errors in BigQuery's JSON shape", async () => {
    const error = (await client.query("SELECT nope FROM `billing.t`").catch((e: unknown) => e)) as { code?: number; errors?: Array<{ reason: string }> };
    expect(error.code).toBe(400);
    expect(error.errors?.[0]?.reason).toBe("invalidQuery");
  });
});
