import pg from "pg";
import { testPostgresServer } from "../../test/fixtures/postgres-test-database.js";

/** `pg_terminate_backend` of every session on `database` but this one; resolves with how many were ended. */
export async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: `${testPostgresServer}/postgres` });
  await admin.connect();
  try {
    const result = await admin.query<{ n: string }>(
      "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await admin.end();
  }
}
