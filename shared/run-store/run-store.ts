import type { RunRecord } from "../run-record.js";

/** Where run records live: the embedded store by default, Postgres in production. Same schema. */
export interface RunStore {
  /** Inserts or replaces the record with the same id. */
  save(record: RunRecord): Promise<void>;
  /** The record, or undefined when no run has that id. */
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  list(options?: { limit?: number; threadId?: string }): Promise<RunRecord[]>;
  close(): Promise<void>;
}
