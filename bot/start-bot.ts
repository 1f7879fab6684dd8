import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { systemClock, type Clock } from "../shared/clock.js";
import type { QueueConfig } from "../shared/config-queues.js";
import type { SlackConfig } from "../shared/config-slack.js";
import { queueNames } from "../shared/jobs/queue-names.js";
import type { Logger } from "../shared/logger.js";
import { jobRetention } from "../shared/queues/job-retention.js";
import { redisOptions, workerRedisOptions } from "../shared/queues/redis-options.js";
import type { RunFeedbackStore } from "../shared/run-feedback.js";
import type { RunStore } from "../shared/run-store/run-store.js";
import type { RunningRole } from "../shared/running-role.js";
import { createAnswerProcessor } from "./answers/create-answer-processor.js";
import { createWaitEstimator } from "./ask/create-wait-estimator.js";
import { pendingKeys } from "./ask/run-keys.js";
import { startReconciler } from "./ask/start-reconciler.js";
import type { BotDeps } from "./bot-deps.js";
import { createBotMetrics } from "./metrics/create-bot-metrics.js";
import { registerListeners } from "./register-listeners.js";
import { AckAfterListenersReceiver } from "./slack/ack-after-listeners-receiver.js";
import { boltLogger } from "./slack/bolt-logger.js";
import { createAfterAck } from "./slack/create-after-ack.js";
import { slackClientOptions } from "./slack/slack-call-limits.js";
import { createWebHandler } from "./web/create-web-handler.js";

export interface BotOptions {
  slack: SlackConfig;
  queue: QueueConfig;
  runStore: RunStore & RunFeedbackStore;
  logger: Logger;
  clock?: Clock;
  /** Catalog sources whose query queues /metrics reports. @defaultValue none */
  querySources?: readonly string[];
  /** Process-wide metrics (CPU, memory, event loop); off when several bots share a process. @defaultValue true */
  defaultMetrics?: boolean;
}

export interface RunningBot extends RunningRole {
  /** The port the HTTP server listens on (events, run pages, health, metrics). */
  port: number;
}

/** `/q/:id` also matches `/q/<id>.csv`; the web handler tells them apart. */
const webPaths = ["/healthz", "/readyz", "/metrics", "/q/:id"];

/**
 * The bot: Slack events in (HTTP Events API at /slack/events, or Socket Mode
 * when SLACK_APP_TOKEN is set), AskJobs out, AnswerJobs rendered back into the
 * thread, and the web routes. It holds the Slack tokens and no source or model
 * credentials.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { slack, queue: queueConfig, logger } = options;
  const redis = new Redis({ ...redisOptions(queueConfig.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  let redisDown = false;
  redis.on("error", (error) => {
    if (!redisDown) logger.error({ err: error }, "Redis is unreachable; the bot tells askers to try later until it returns");
    redisDown = true;
  });
  redis.on("ready", () => {
    if (redisDown) logger.info("Redis is back; taking questions again");
    redisDown = false;
  });
  await firstConnection(redis, 5_000);
  const questions = new Queue(queueNames.questions, { connection: redisOptions(queueConfig.redisUrl), prefix: queueConfig.prefix });
  questions.on("error", (error) => logger.debug({ err: error }, "questions queue connection error"));
  const answersQueue = new Queue(queueNames.answers, { connection: redisOptions(queueConfig.redisUrl), prefix: queueConfig.prefix });
  answersQueue.on("error", (error) => logger.debug({ err: error }, "answers queue connection error"));
  // Read-only handles, for /metrics: the bot never adds query jobs.
  const queryQueues = (options.querySources ?? []).map((source) => new Queue(queueNames.queries(source), { connection: redisOptions(queueConfig.redisUrl), prefix: queueConfig.prefix }));
  for (const q of queryQueues) q.on("error", (error) => logger.debug({ err: error }, "query queue connection error"));
  const depthOf = (q: Queue) => ({ name: q.name, counts: () => q.getJobCounts("waiting", "active", "delayed", "failed") });
  const keyPrefix = `${queueConfig.prefix}:bot`;
  const metrics = createBotMetrics({
    queues: [questions, answersQueue, ...queryQueues].map(depthOf),
    pendingQuestions: () => redis.zcard(pendingKeys(keyPrefix).pendingAt),
    ...(options.defaultMetrics === undefined ? {} : { defaultMetrics: options.defaultMetrics }),
  });

  const retention = jobRetention(queueConfig);
  const afterAck = createAfterAck({ logger, onError: () => metrics.errors.inc({ kind: "listener" }) });
  const deps: BotDeps = {
    slack,
    redis,
    keyPrefix,
    questions,
    answers: answersQueue,
    askJobOptions: { ...retention, attempts: 3, backoff: { type: "exponential", delay: 1_000 } },
    answerJobOptions: { ...retention, attempts: 5, backoff: { type: "exponential", delay: 1_000 } },
    waitEstimator: createWaitEstimator({ waitingCount: () => questions.getWaitingCount(), slots: slack.agentSlots ?? queueConfig.agentConcurrency, maxWaitMs: slack.maxWaitMs }),
    runStore: options.runStore,
    metrics,
    afterAck,
    logger,
    clock: options.clock ?? systemClock,
  };
  const web = createWebHandler(deps);
  const clientOptions = slackClientOptions(slack.apiUrl);
  const routeHandler = (req: Parameters<typeof web>[0], res: Parameters<typeof web>[1]) => void web(req, res);

  // Slack is acknowledged once the listeners settle, and they await only admission (bounded well within Slack's 3 s): an acked
  // question is recorded as pending, and everything after (deps.afterAck) is recoverable by the reconciler.
  let app: App;
  let webServer: Server | undefined;
  if (slack.appToken) {
    const receiver = new AckAfterListenersReceiver({ appToken: slack.appToken, installerOptions: { clientOptions }, logger: boltLogger(logger), logLevel: LogLevel.WARN });
    app = new App({ token: slack.botToken, receiver, clientOptions, logger: boltLogger(logger), logLevel: LogLevel.WARN });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      // The HTTP response is the ack: sent when the listeners settle, not when Bolt calls ack() (before them, for events).
      processBeforeResponse: true,
      endpoints: "/slack/events",
      customRoutes: webPaths.map((path) => ({ path, method: ["GET"], handler: routeHandler })),
      logger: boltLogger(logger),
      logLevel: LogLevel.WARN,
    });
    app = new App({ token: slack.botToken, receiver, clientOptions, logger: boltLogger(logger), logLevel: LogLevel.WARN });
  }
  registerListeners(app, deps);

  const answers = new Worker(queueNames.answers, createAnswerProcessor(deps, app.client), {
    connection: workerRedisOptions(queueConfig.redisUrl),
    prefix: queueConfig.prefix,
    concurrency: slack.answerConcurrency,
    lockDuration: queueConfig.lockDurationMs,
    stalledInterval: queueConfig.stalledIntervalMs,
  });
  answers.on("error", (error) => logger.debug({ err: error }, "answers worker connection error"));
  answers.on("failed", (job, error) => {
    metrics.errors.inc({ kind: "answer_update" });
    logger.error({ err: error, job: job?.id }, "could not update a thread with its answer");
  });

  let port: number;
  if (slack.appToken) {
    await app.start();
    webServer = createServer(routeHandler);
    await new Promise<void>((resolve) => webServer?.listen(slack.port, resolve));
    port = (webServer.address() as AddressInfo).port;
  } else {
    const server = (await app.start(slack.port)) as Server;
    port = (server.address() as AddressInfo).port;
  }
  const reconciler = startReconciler(deps, app.client, { intervalMs: slack.reconcileIntervalMs });
  logger.info({ port, mode: slack.appToken ? "socket" : "http" }, "bot ready");

  return {
    port,
    async close() {
      // Stop taking events first, then let what follows their acks and the in-flight answers finish.
      await app.stop();
      await afterAck.drain();
      await reconciler.close();
      if (webServer) await new Promise<void>((resolve) => webServer?.close(() => resolve()));
      await answers.close();
      await Promise.all([questions.close(), answersQueue.close(), ...queryQueues.map((q) => q.close())]);
      redis.disconnect();
    },
  };
}

/**
 * Waits until the bot's Redis connection is ready, or has failed, or a few
 * seconds passed: the connection takes no commands before it is ready (no
 * offline queue), so a question arriving first would be told Skiff is down.
 * With Redis away the bot still starts, and says so to askers.
 */
async function firstConnection(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return;
  let timer: NodeJS.Timeout | undefined;
  let settle: () => void = () => undefined;
  await new Promise<void>((resolve) => {
    settle = resolve;
    redis.once("ready", settle).once("error", settle);
    timer = setTimeout(settle, timeoutMs);
  });
  clearTimeout(timer);
  redis.off("ready", settle).off("error", settle);
}
