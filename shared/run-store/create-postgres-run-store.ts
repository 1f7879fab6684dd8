import pg from "pg";
import { SkiffError } from "../errors.js";
import { runRecordSchema, type RunRecord } from "../run-record.js";
import { systemClock, type Clock } from "../clock.js";
import { runStoreMigrations, schemaMigrationsDdl } from "./migrations.js";
import type { RunFeedbackStore } from "../run-feedback.js";
import { feedbackFromRow, feedbackParams, listFeedbackSql, saveFeedbackSql } from "./feedback-sql.js";
import { rewriteRuns, type RunRewriter } from "./rewrite-runs.js";
import type { RunStore } from "./run-store.js";

export interface PostgresRunStoreOptions {
  /** SKIFF_DATABASE_URL. */
  connectionString: string;
  /** Keep Skiff's tables in this schema (created when missing). @defaultValue the connection's search_path */
  schema?: string;
  clock?: Clock;
  /** @defaultValue 5 */
  maxConnections?: number;
}

/** Two processes starting at once must not both run a migration: they take turns on this lock. */
const migrationLockId = 0x5_1_f_f;

/**
 * The {@link RunStore} on Postgres, for installs with several bots and
 * workers. Same schema and migrations as the embedded store.
 */
export function createPostgresRunStore(options: PostgresRunStoreOptions): RunStore & RunFeedbackStore & RunRewriter {
  const clock = options.clock ?? systemClock;
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new SkiffError("CONFIG_INVALID", `run store schema "${schema}" must be lower_snake_case`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 5,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on("error", () => undefined);
  let ready: Promise<void> | undefined;

  const migrate = async () => {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [migrationLockId]);
      try {
        // Inside the lock: CREATE SCHEMA IF NOT EXISTS still races with itself.
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query(schemaMigrationsDdl);
        const applied = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => Number(r.version)));
        for (const migration of runStoreMigrations) {
          if (applied.has(migration.version)) continue;
          await client.query("BEGIN");
          try {
            for (const statement of migration.statements) await client.query(statement);
            await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2::timestamp)", [migration.version, sqlTimestamp(clock.now().toISOString())]);
            await client.query("COMMIT");
          } catch (error) {
            await client.query("ROLLBACK");
            throw error;
          }
        }
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [migrationLockId]);
      }
    } finally {
      client.release();
    }
  };

  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> => {
    try {
      ready ??= migrate().catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      await ready;
      return await pool.query<R>(sql, params);
    } catch (error) {
      if (error instanceof SkiffError) throw error;
      throw new SkiffError("INTERNAL", `the Postgres run store failed: ${error instanceof Error ? error.message : String(error)}; check SKIFF_DATABASE_URL`, {
        cause: error,
        retryable: true,
      });
    }
  };

  return {
    async save(record) {
      const checked = runRecordSchema.safeParse(record);
      if (!checked.success) throw new SkiffError("INTERNAL", `refusing to save run ${record.id}: it does not match the run record schema (${checked.error.message})`);
      const r = checked.data;
      await query(
        `INSERT INTO runs (id, created_at, question, asker, thread_id, status, planner, record)
         VALUES ($1, $2::timestamp, $3, $4, $5, $6, $7, $8::json)
         ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, question = excluded.question, asker = excluded.asker,
           thread_id = excluded.thread_id, status = excluded.status, planner = excluded.planner, record = excluded.record`,
        [r.id, sqlTimestamp(r.createdAt), r.question, r.asker ?? null, r.threadId ?? null, r.status, r.planner, JSON.stringify(r)],
      );
    },
    async get(id) {
      const { rows } = await query<{ id: string; record: unknown }>("SELECT id, record FROM runs WHERE id = $1", [id]);
      const [row] = rows;
      return row ? parseRecord(row.id, row.record) : undefined;
    },
    async list(listOptions = {}) {
      const limit = Math.max(1, Math.floor(listOptions.limit ?? 20));
      const { rows } =
        listOptions.threadId === undefined
          ? await query<{ id: string; record: unknown }>("SELECT id, record FROM runs ORDER BY created_at DESC, id DESC LIMIT $1", [limit])
          : await query<{ id: string; record: unknown }>("SELECT id, record FROM runs WHERE thread_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", [
              listOptions.threadId,
              limit,
            ]);
      return rows.map((row) => parseRecord(row.id, row.record));
    },
    rewriteAll(rewrite) {
      return rewriteRuns(
        {
          page: async (after, limit) => (await query<{ id: string; record: unknown }>("SELECT id, record FROM runs WHERE id > $1 ORDER BY id LIMIT $2", [after, limit])).rows,
          replace: async (records) => {
            for (const record of records) await query("UPDATE runs SET record = $2::json WHERE id = $1", [record.id, JSON.stringify(record)]);
          },
        },
        rewrite,
      );
    },
    async saveFeedback(feedback) {
      await query(saveFeedbackSql, feedbackParams(feedback));
    },
    async listFeedback(runId) {
      const { rows } = await query<Record<string, unknown>>(listFeedbackSql, [runId]);
      return rows.map((row) => feedbackFromRow(Object.values(row)));
    },
    async close() {
      await pool.end();
    },
  };
}

function sqlTimestamp(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new SkiffError("INTERNAL", `a run record has an unreadable createdAt: ${iso}`);
  return at.toISOString().replace("T", " ").replace("Z", "");
}

function parseRecord(id: string, raw: unknown): RunRecord {
  // pg parses json columns already; a text column would arrive as a string.
  const data: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
  const parsed = runRecordSchema.safeParse(data);
  if (!parsed.success) throw new SkiffError("INTERNAL", `run ${id} in Postgres does not match the run record schema (${parsed.error.message})`);
  return parsed.data;
}
