/**
 * The run store's schema, as versioned migrations in portable SQL: the same
 * statements run on the embedded DuckDB store and on Postgres. Append new
 * versions; never edit one that has shipped.
 */
export interface RunStoreMigration {
  version: number;
  description: string;
  statements: readonly string[];
}

/** Created before any migration runs; one row per applied version. */
export const schemaMigrationsDdl = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)";

export const runStoreMigrations: readonly RunStoreMigration[] = [
  {
    version: 1,
    description: "runs: one row per answered question, the full record as JSON",
    statements: [
      `CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        created_at TIMESTAMP NOT NULL,
        question TEXT NOT NULL,
        asker TEXT,
        thread_id TEXT,
        status TEXT NOT NULL,
        planner TEXT NOT NULL,
        record JSON NOT NULL
      )`,
      "CREATE INDEX runs_thread_id_created_at ON runs (thread_id, created_at)",
    ],
  },
  {
    version: 2,
    description: "run_feedback: one verdict (up/down, with what was wrong) per person per run",
    statements: [
      `CREATE TABLE run_feedback (
        run_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        rating TEXT NOT NULL,
        comment TEXT,
        created_at TIMESTAMP NOT NULL,
        PRIMARY KEY (run_id, user_id)
      )`,
    ],
  },
];
