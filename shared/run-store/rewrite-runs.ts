import { runRecordSchema, type RunRecord } from "../run-record.js";

export interface RunRewriteSummary {
  /** Records read and passed through the rewrite. */
  examined: number;
  /** Records the rewrite changed, now stored as rewritten. */
  changed: number;
  /** Ids of stored records that are not run records (not JSON, or not the schema); left as they are. */
  unreadable: string[];
}

/** A store that can pass every record it holds through a rewrite (`skiff runs scrub`). */
export interface RunRewriter {
  rewriteAll(rewrite: (record: RunRecord) => RunRecord): Promise<RunRewriteSummary>;
}

/** How {@link rewriteRuns} reads and writes one store. */
export interface RunPages {
  /** Up to `limit` stored rows with ids after `after`, in id order; `record` as the driver returns it (text or parsed JSON). */
  page(after: string, limit: number): Promise<Array<{ id: string; record: unknown }>>;
  /** Stores each record under its id, replacing the record only (the indexed columns do not change). */
  replace(records: readonly RunRecord[]): Promise<void>;
}

function readRecord(raw: unknown): RunRecord | undefined {
  let data: unknown = raw;
  if (typeof raw === "string") {
    try {
      data = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const parsed = runRecordSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Passes every stored record through `rewrite`, a page at a time (by id, so a large store is never held in
 * memory), and writes back only the records it changed. With an idempotent rewrite, running it twice
 * changes nothing the second time.
 */
export async function rewriteRuns(pages: RunPages, rewrite: (record: RunRecord) => RunRecord, pageSize = 200): Promise<RunRewriteSummary> {
  const summary: RunRewriteSummary = { examined: 0, changed: 0, unreadable: [] };
  for (let after = ""; ; ) {
    const rows = await pages.page(after, pageSize);
    if (rows.length === 0) return summary;
    const changed: RunRecord[] = [];
    for (const row of rows) {
      const record = readRecord(row.record);
      if (!record) {
        summary.unreadable.push(row.id);
        continue;
      }
      summary.examined += 1;
      const rewritten = rewrite(record);
      if (JSON.stringify(rewritten) !== JSON.stringify(record)) changed.push(runRecordSchema.parse(rewritten));
    }
    if (changed.length > 0) await pages.replace(changed);
    summary.changed += changed.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
}
