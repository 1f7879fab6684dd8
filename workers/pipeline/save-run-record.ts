import type { RunRecord } from "../../shared/run-record.js";
import type { RunStore } from "../../shared/run-store/run-store.js";
import { scrubRunRecord } from "../../shared/scrub/scrub-run-record.js";

/**
 * The one way a run record is written: scrubbed first ({@link scrubRunRecord}), and the scrubbed record
 * is what the caller shows (the Slack answer, the CLI), so what is shown and what is stored are the same.
 */
export async function saveRunRecord(store: Pick<RunStore, "save">, record: RunRecord): Promise<RunRecord> {
  const scrubbed = scrubRunRecord(record);
  await store.save(scrubbed);
  return scrubbed;
}
