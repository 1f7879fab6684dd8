import pg from "pg";
import { readLakeBatches } from "./read-lake-batches.js";

const tables = [
  {
    name: "accounts.accounts",
    ddl: "CREATE TABLE accounts.accounts (account_id BIGINT PRIMARY KEY, name TEXT, email TEXT, plan TEXT, country TEXT, created_at TIMESTAMP)",
    select: "SELECT account_id, name, email, plan, country, created_at FROM accounts.accounts",
    types: ["bigint", "text", "text", "text", "text", "timestamp"],
  },
  {
    name: "accounts.zones",
    ddl: "CREATE TABLE accounts.zones (zone_id BIGINT PRIMARY KEY, account_id BIGINT, domain TEXT, plan TEXT, status TEXT, created_at TIMESTAMP)",
    select: "SELECT zone_id, account_id, domain, plan, status, created_at FROM accounts.zones",
    types: ["bigint", "bigint", "text", "text", "text", "timestamp"],
  },
] as const;

/**
 * Replaces the `accounts` schema of a Postgres database with the demo lake's
 * accounts and zones, in one transaction (column arrays through unnest, 5,000
 * rows a statement), and indexes created_at for the signup questions.
 */
export async function loadIntoPostgres(lake: string, url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url, application_name: "skiff demo load" });
  await client.connect();
  const counts: Record<string, number> = {};
  try {
    await client.query("BEGIN");
    await client.query("DROP SCHEMA IF EXISTS accounts CASCADE");
    await client.query("CREATE SCHEMA accounts");
    for (const table of tables) {
      await client.query(table.ddl);
      const params = table.types.map((type, index) => `$${index + 1}::${type}[]`).join(", ");
      counts[table.name] = await readLakeBatches(lake, table.select, 5_000, async (rows) => {
        const columns = table.types.map((_, index) => rows.map((row) => row[index] ?? null));
        await client.query(`INSERT INTO ${table.name} SELECT * FROM unnest(${params})`, columns);
      });
      await client.query(`CREATE INDEX ON ${table.name} (created_at)`);
    }
    await client.query("COMMIT");
    await client.query("ANALYZE accounts.accounts; ANALYZE accounts.zones");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
