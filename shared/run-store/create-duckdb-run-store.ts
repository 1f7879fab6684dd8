import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { systemClock, type Clock } from "../clock.js";
import { SkiffError, isSkiffError } from "../errors.js";
import { runRecordSchema, type RunRecord } from "../run-record.js";
import { runStoreMigrations, schemaMigrationsDdl } from "./migrations.js";
import type { RunFeedbackStore } from "../run-feedback.js";
import { feedbackFromRow, feedbackParams, listFeedbackSql, saveFeedbackSql } from "./feedback-sql.js";
import { rewriteRuns, type RunRewriter } from "./rewrite-runs.js";
import type { RunStore } from "./run-store.js";

export interface DuckDbRunStoreOptions {
  /** The DuckDB file (Config.runStorePath); its folder is created when missing. */
  path: string;
  clock?: Clock;
  /**
   * How long to wait for another process that holds the file.
   * @defaultValue 10000
   */
  lockTimeoutMs?: number;
  /**
   * How long the file stays open after the last call, so a busy process does
   * not pay for opening it on every write while other processes still get turns.
   * @defaultValue 1000
   */
  idleMs?: number;
}

/**
 * One open file per path per process, shared by every store on that path:
 * DuckDB's file lock is per process, so a second instance in the same process
 * would not be stopped, and two instances writing one file corrupt it. Calls on
 * a path queue on its slot.
 */
interface FileSlot {
  queue: Promise<unknown>;
  held?: { instance: DuckDBInstance; connection: DuckDBConnection };
  idleTimer?: NodeJS.Timeout;
  migrated: boolean;
  stores: number;
}

const files = new Map<string, FileSlot>();

const insertRunSql = `INSERT INTO runs (id, created_at, question, asker, thread_id, status, planner, record)
  VALUES ($1, CAST($2 AS TIMESTAMP), $3, $4, $5, $6, $7, $8)`;
const updateRunSql = `UPDATE runs SET created_at = CAST($2 AS TIMESTAMP), question = $3, asker = $4, thread_id = $5, status = $6, planner = $7, record = $8
  WHERE id = $1`;
const isDuplicateKey = (error: unknown) => error instanceof Error && /duplicate key/i.test(error.message);

/**
 * The embedded {@link RunStore}: a DuckDB file held open while calls keep
 * coming and released after `idleMs` without one, so short-lived CLI processes,
 * the bot's run pages and a worker can take turns on it; a call that finds the
 * file locked by another process waits and retries.
 */
export function createDuckDbRunStore(options: DuckDbRunStoreOptions): RunStore & RunFeedbackStore & RunRewriter {
  const path = resolve(options.path);
  const clock = options.clock ?? systemClock;
  const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  const idleMs = options.idleMs ?? 1_000;
  const slot: FileSlot = files.get(path) ?? { queue: Promise.resolve(), migrated: false, stores: 0 };
  files.set(path, slot);
  slot.stores++;
  let closed = false;

  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = slot.queue.catch(() => undefined).then(work);
    slot.queue = next;
    return next;
  };

  const release = () => {
    if (!slot.held) return;
    slot.held.connection.disconnectSync();
    slot.held.instance.closeSync();
    delete slot.held;
  };

  const withConnection = <T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new SkiffError("INTERNAL", `the run store at ${path} is closed`));
    return enqueue(async () => {
      clearTimeout(slot.idleTimer);
      try {
        if (!slot.held) {
          const instance = await openWithRetry(path, lockTimeoutMs);
          slot.held = { instance, connection: await instance.connect() };
          if (!slot.migrated) {
            await migrate(slot.held.connection, clock);
            slot.migrated = true;
          }
        }
        return await work(slot.held.connection);
      } catch (error) {
        release();
        if (isSkiffError(error)) throw error;
        throw new SkiffError("INTERNAL", `the run store at ${path} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        // Held while busy (opening the file costs far more than a write), released when idle so other processes get their turn.
        slot.idleTimer = setTimeout(() => void enqueue(() => Promise.resolve(release())).catch(() => undefined), idleMs);
        slot.idleTimer.unref();
      }
    });
  };

  return {
    async save(record) {
      const checked = runRecordSchema.safeParse(record);
      if (!checked.success) {
        throw new SkiffError("INTERNAL", `refusing to save run ${record.id}: it does not match the run record schema (${describeIssues(checked.error.issues)})`);
      }
      const valid = checked.data;
      const params = [
        valid.id,
        sqlTimestamp(valid.createdAt),
        valid.question,
        valid.asker ?? null,
        valid.threadId ?? null,
        valid.status,
        valid.planner,
        JSON.stringify(valid),
      ];
      await withConnection(async (connection) => {
        // A plain insert is the common case and several times cheaper in DuckDB than ON CONFLICT DO UPDATE;
        // a retried run (same id) takes the update.
        try {
          await connection.run(insertRunSql, params);
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          await connection.run(updateRunSql, params);
        }
      });
    },
    get(id) {
      return withConnection(async (connection) => {
        const reader = await connection.runAndReadAll("SELECT id, record FROM runs WHERE id = $1", [id]);
        const [row] = reader.getRows();
        return row ? parseRecord(row[0], row[1], path) : undefined;
      });
    },
    list(listOptions = {}) {
      const limit = Math.max(1, Math.floor(listOptions.limit ?? 20));
      return withConnection(async (connection) => {
        const reader =
          listOptions.threadId === undefined
            ? await connection.runAndReadAll("SELECT id, record FROM runs ORDER BY created_at DESC, id DESC LIMIT $1", [limit])
            : await connection.runAndReadAll("SELECT id, record FROM runs WHERE thread_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", [
                listOptions.threadId,
                limit,
              ]);
        return reader.getRows().map((row) => parseRecord(row[0], row[1], path));
      });
    },
    rewriteAll(rewrite) {
      return rewriteRuns(
        {
          page: (after, limit) =>
            withConnection(async (connection) =>
              (await connection.runAndReadAll("SELECT id, record FROM runs WHERE id > $1 ORDER BY id LIMIT $2", [after, limit])).getRows().map((row) => ({ id: String(row[0]), record: String(row[1]) })),
            ),
          replace: (records) =>
            withConnection(async (connection) => {
              for (const record of records) await connection.run("UPDATE runs SET record = $2 WHERE id = $1", [record.id, JSON.stringify(record)]);
            }),
        },
        rewrite,
      );
    },
    async saveFeedback(feedback) {
      const params = feedbackParams(feedback);
      await withConnection(async (connection) => {
        await connection.run(saveFeedbackSql, params);
      });
    },
    listFeedback(runId) {
      return withConnection(async (connection) => (await connection.runAndReadAll(listFeedbackSql, [runId])).getRows().map(feedbackFromRow));
    },
    async close() {
      if (closed) return;
      closed = true;
      slot.stores--;
      if (slot.stores > 0) return;
      clearTimeout(slot.idleTimer);
      if (files.get(path) === slot) files.delete(path);
      // Calls already queued finish first; then the file is released.
      await enqueue(() => Promise.resolve(release())).catch(() => undefined);
    },
  };
}

async function openWithRetry(path: string, lockTimeoutMs: number): Promise<DuckDBInstance> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + lockTimeoutMs;
  for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
    try {
      return await DuckDBInstance.create(path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/lock/i.test(message)) throw new SkiffError("INTERNAL", `could not open the run store at ${path}: ${message}`, { cause: error });
      if (Date.now() + wait > deadline) {
        throw new SkiffError("INTERNAL", `the run store at ${path} stayed locked by another process for ${lockTimeoutMs} ms; try again when it finishes (${message})`, {
          cause: error,
          retryable: true,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function migrate(connection: DuckDBConnection, clock: Clock): Promise<void> {
  await connection.run(schemaMigrationsDdl);
  const applied = new Set((await connection.runAndReadAll("SELECT version FROM schema_migrations")).getRows().map((row) => Number(row[0])));
  for (const migration of runStoreMigrations) {
    if (applied.has(migration.version)) continue;
    await connection.run("BEGIN TRANSACTION");
    try {
      for (const statement of migration.statements) await connection.run(statement);
      await connection.run("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, CAST($2 AS TIMESTAMP))", [
        migration.version,
        sqlTimestamp(clock.now().toISOString()),
      ]);
      await connection.run("COMMIT");
    } catch (error) {
      await connection.run("ROLLBACK");
      throw error;
    }
  }
}

/** `2026-11-30 10:11:12.345`: UTC wall time, which TIMESTAMP columns hold on DuckDB and Postgres alike. */
function sqlTimestamp(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new SkiffError("INTERNAL", `a run record has an unreadable createdAt: ${iso}`);
  return at.toISOString().replace("T", " ").replace("Z", "");
}

function parseRecord(id: unknown, raw: unknown, path: string): RunRecord {
  let data: unknown;
  try {
    data = JSON.parse(String(raw));
  } catch (error) {
    throw new SkiffError("INTERNAL", `run ${String(id)} in ${path} holds a record that is not JSON`, { cause: error });
  }
  const parsed = runRecordSchema.safeParse(data);
  if (!parsed.success) {
    throw new SkiffError("INTERNAL", `run ${String(id)} in ${path} does not match the run record schema (${describeIssues(parsed.error.issues)})`);
  }
  return parsed.data;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join(".") || "(record)"}: ${issue.message}`).join("; ");
}
