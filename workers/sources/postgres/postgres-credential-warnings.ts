import type { QueryOptions } from "../source-adapter.js";
import type { QueryResult } from "../../../shared/query-result.js";

const shown = 5;
/** Schemas every database has, which no source should be able to change anyway. */
const systemSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

/**
 * What is too powerful about the role a Postgres source logs in as: a
 * superuser (or a role that bypasses row security or creates roles), the
 * right to create in the database or in a schema, or to insert, update,
 * delete or truncate any table it can see. The adapter's READ ONLY
 * transactions hold whatever the role may do; these say where the next line
 * of defence is missing.
 */
export async function postgresCredentialWarnings(source: string, query: (sql: string, options: QueryOptions) => Promise<QueryResult>): Promise<string[]> {
  const options = { timeoutMs: 10_000, maxRows: shown + 1 };
  const warnings: string[] = [];
  const role = await query(
    "SELECT current_user::text, rolsuper, rolbypassrls, rolcreaterole, has_database_privilege(current_database(), 'CREATE') FROM pg_roles WHERE rolname = current_user",
    options,
  );
  const [user, superuser, bypassRls, createRole, createSchema] = role.rows[0] ?? [];
  const who = `${source} logs in as ${String(user ?? "its role")}`;
  const fix = `connect it with a read-only role instead (README: "Real sources")`;
  if (superuser === true) warnings.push(`${who}, a superuser, which can write anything and read past every grant; ${fix}`);
  else {
    if (bypassRls === true) warnings.push(`${who}, which bypasses row-level security; ${fix}`);
    if (createRole === true) warnings.push(`${who}, which can create roles; ${fix}`);
  }
  if (superuser !== true && createSchema === true) warnings.push(`${who}, which can create schemas in the database; REVOKE CREATE ON DATABASE from it`);
  if (superuser === true) return warnings;

  const schemas = await query(`SELECT n.nspname FROM pg_namespace n WHERE ${systemSchemas} AND has_schema_privilege(n.oid, 'CREATE') ORDER BY 1`, options);
  if (schemas.rowCount > 0) {
    warnings.push(`${who}, which can create tables in ${list(schemas.rows.map((row) => String(row[0])), schemas.truncated)}; REVOKE CREATE ON SCHEMA … FROM it (and FROM PUBLIC)`);
  }
  const tables = await query(
    `SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${systemSchemas} AND has_schema_privilege(n.oid, 'USAGE')
       AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'))
     ORDER BY 1`,
    options,
  );
  if (tables.rowCount > 0) {
    warnings.push(`${who}, which can write to ${list(tables.rows.map((row) => String(row[0])), tables.truncated)}; grant it SELECT only`);
  }
  return warnings;
}

function list(names: string[], more: boolean): string {
  const head = names.slice(0, shown).join(", ");
  return more || names.length > shown ? `${head} and more` : head;
}
