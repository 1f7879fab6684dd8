import { UnrecoverableError, type Job } from "bullmq";
import { SkiffError } from "../../shared/errors.js";
import { queryJobSchema, type QueryJobResult } from "../../shared/jobs/query-job.js";
import type { Logger } from "../../shared/logger.js";
import type { Engine } from "../engine/create-engine.js";
import { failedQuery, fromJobQuery, toQueryJobResult } from "./query-job-codec.js";

/**
 * The query worker's processor: guard and run one statement with the real
 * engine (which holds the source adapters), under the run's deadline. A
 * refused or failed statement is a result, not a job failure: the agent
 * decides what the answer says about it.
 */
export function createQueryProcessor(options: { engine: Pick<Engine, "run">; logger: Logger }) {
  return async (job: Job): Promise<QueryJobResult> => {
    const parsed = queryJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`query job ${job.id ?? "?"} is not a QueryJob: ${parsed.error.message}`);
    const { query, deadlineAt, runId } = parsed.data;
    const planned = fromJobQuery(query);
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) {
      options.logger.warn({ run: runId, query: query.id }, "query job arrived after its run's deadline");
      return toQueryJobResult(failedQuery(planned, new SkiffError("QUERY_TIMEOUT", "the run's deadline passed before this query reached its source")));
    }
    const executed = await options.engine.run(planned, { signal: AbortSignal.timeout(remaining) });
    return toQueryJobResult(executed);
  };
}
