import type { RunRecord } from "../run-record.js";
import { maskPiiDeep } from "./mask-pii-deep.js";
import { maskPiiText } from "./mask-pii-text.js";
import { scrubLocations } from "./scrub-locations.js";

/** Prose a person reads on the run page or in Slack: no PII-shaped values, no paths, no servers. */
const prose = (text: string) => maskPiiText(scrubLocations(text).text);

/**
 * The run record as it may be stored and shown: PII-shaped values masked in the answer, caveats, purposes,
 * errors, SQL (its string literals) and the plan (the model's tool arguments); file paths and servers out of
 * the prose. The question stays as the asker typed it (it is theirs), and the result is left to the access
 * policy that produced it. Idempotent, so records can be scrubbed again (`skiff runs scrub`).
 */
export function scrubRunRecord(record: RunRecord): RunRecord {
  return {
    ...record,
    answer: prose(record.answer),
    caveats: record.caveats.map((caveat) => ({ ...caveat, message: prose(caveat.message) })),
    queries: record.queries.map((query) => ({
      ...(maskPiiDeep(query) as typeof query),
      purpose: prose(query.purpose),
      ...(query.error === undefined ? {} : { error: prose(query.error) }),
    })),
    plan: maskPiiDeep(record.plan),
  };
}
