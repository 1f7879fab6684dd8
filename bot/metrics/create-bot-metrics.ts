import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface QueueDepthSource {
  name: string;
  counts(): Promise<Record<string, number>>;
}

/** The bot's Prometheus metrics, on a registry of its own (several bots in one process do not collide). */
export function createBotMetrics(options: { queues: readonly QueueDepthSource[]; defaultMetrics?: boolean; pendingQuestions?: () => Promise<number> }) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "skiff_" });
  const questions = new Counter({ name: "skiff_questions_total", help: "Questions accepted, by Slack surface", labelNames: ["surface"], registers: [registry] });
  const answers = new Counter({ name: "skiff_answers_total", help: "Answers posted, by run status", labelNames: ["status"], registers: [registry] });
  const errors = new Counter({ name: "skiff_errors_total", help: "Failures by kind", labelNames: ["kind"], registers: [registry] });
  const ignored = new Counter({ name: "skiff_events_ignored_total", help: "Slack events dropped, by reason", labelNames: ["reason"], registers: [registry] });
  const busy = new Counter({ name: "skiff_busy_placeholders_total", help: "Placeholders that told the asker the queue is deep and how long the wait is", registers: [registry] });
  const recovered = new Counter({
    name: "skiff_questions_recovered_total",
    help: "Steps of accepted questions the reconciler redid (enqueue, placeholder, echo: an /ask question's message, failed: a failure the thread was never told)",
    labelNames: ["step"],
    registers: [registry],
  });
  const { pendingQuestions } = options;
  if (pendingQuestions) {
    new Gauge({
      name: "skiff_questions_pending",
      help: "Questions admitted and not yet answered in their thread",
      registers: [registry],
      async collect() {
        this.set(await pendingQuestions().catch(() => Number.NaN));
      },
    });
  }
  const latency = new Histogram({
    name: "skiff_event_to_answer_seconds",
    help: "From the Slack event to the answer in the thread",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const fineBuckets = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  const work = new Histogram({
    name: "skiff_agent_work_seconds",
    help: "Time an agent worker spent on one question: thread history, plan, queries and the run record",
    buckets: fineBuckets,
    registers: [registry],
  });
  const transport = new Histogram({
    name: "skiff_transport_seconds",
    help: "Event-to-answer minus the agent's work: Slack calls, queue waits and hand-offs (grows when workers fall behind)",
    buckets: fineBuckets,
    registers: [registry],
  });
  new Gauge({
    name: "skiff_queue_jobs",
    help: "Jobs per queue and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      const depths = await Promise.all(options.queues.map(async (q) => ({ name: q.name, counts: await q.counts().catch(() => ({})) })));
      for (const { name, counts } of depths) for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
    },
  });
  return { registry, questions, answers, errors, ignored, busy, recovered, latency, work, transport };
}

export type BotMetrics = ReturnType<typeof createBotMetrics>;
