import { Queue, Worker } from "bullmq";
import type { Catalog } from "../../catalog/model/catalog.js";
import { workerLockOptions, type QueueConfig } from "../../shared/config-queues.js";
import { queueNames } from "../../shared/jobs/queue-names.js";
import type { Logger } from "../../shared/logger.js";
import { createConnectionErrorLog } from "../../shared/queues/create-connection-error-log.js";
import { redisOptions, workerRedisOptions } from "../../shared/queues/redis-options.js";
import type { RunningRole } from "../../shared/running-role.js";
import type { Engine } from "../engine/create-engine.js";
import { createQueryProcessor } from "./create-query-processor.js";

export interface QueryWorkerOptions {
  config: QueueConfig;
  catalog: Catalog;
  /** The real engine: guard, source adapters, masking, caveats. */
  engine: Pick<Engine, "run">;
  logger: Logger;
}

/**
 * One BullMQ worker per catalog source. Each source queue carries a global
 * concurrency (SKIFF_SOURCE_CONCURRENCY), so however many query workers run,
 * one database never sees more statements at once than it was promised.
 */
export async function startQueryWorker(options: QueryWorkerOptions): Promise<RunningRole> {
  const { config, logger } = options;
  const processor = createQueryProcessor({ engine: options.engine, logger });
  const workers: Worker[] = [];
  const connectionErrors = createConnectionErrorLog(logger);
  for (const source of options.catalog.sources.keys()) {
    const name = queueNames.queries(source);
    const queue = new Queue(name, { connection: redisOptions(config.redisUrl), prefix: config.prefix });
    connectionErrors.watch(queue, name);
    await queue.setGlobalConcurrency(config.sourceConcurrency[source] ?? config.sourceConcurrencyDefault);
    await queue.close();
    const worker = new Worker(name, processor, {
      connection: workerRedisOptions(config.redisUrl),
      prefix: config.prefix,
      concurrency: config.queryConcurrency,
      ...workerLockOptions(config),
    });
    connectionErrors.watch(worker, name);
    worker.on("failed", (job, error) => logger.error({ err: error, job: job?.id, queue: name }, "query job failed"));
    workers.push(worker);
  }
  logger.info({ sources: [...options.catalog.sources.keys()] }, "query worker ready");
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      connectionErrors.close();
    },
  };
}
