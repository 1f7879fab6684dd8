import type { RunRecord } from "../shared/run-record.js";
import type { Runtime } from "./create-runtime.js";
import { describeLakeFileProblem } from "./describe-lake-file-problem.js";

/**
 * A failed run as one line for the terminal: the cause (a lake file's, with
 * its path, when that is what failed) and where the rest of the run is.
 */
export async function describeFailedRun(record: RunRecord, runtime: Pick<Runtime, "catalog" | "config">): Promise<string> {
  const failedSources = record.queries.filter((query) => query.error !== undefined).map((query) => query.source);
  const cause = (await describeLakeFileProblem(runtime.catalog, runtime.config.sourceEnv, failedSources)) ?? record.answer;
  return cause.includes(record.id) ? cause : `${cause} (run ${record.id}: skiff runs show ${record.id})`;
}
