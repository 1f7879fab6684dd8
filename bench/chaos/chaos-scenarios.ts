import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createClickHouseTestDatabase } from "../../test/fixtures/clickhouse-test-database.js";
import { createPostgresTestDatabase } from "../../test/fixtures/postgres-test-database.js";
import type { ChaosScenario } from "./chaos-scenario.js";
import { failSlackCalls } from "./fail-slack-calls.js";
import { startHungServer } from "./start-hung-server.js";
import { terminateBackends } from "./terminate-backends.js";
import { writeChaosCatalog } from "./write-chaos-catalog.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Source deadlines for the two source scenarios, shorter than production's 30 s / 60 s so the suite stays within 10 minutes. */
export const sourceScenarioLimits = { SKIFF_QUERY_TIMEOUT_MS: "5000", SKIFF_RUN_DEADLINE_MS: "20000" } as const;

/** The eight scenarios, in the order the table prints them. */
export function chaosScenarios(options: { lake: string }): ChaosScenario[] {
  /** The scratch database the source-killed scenario loads the demo into. */
  let sourceDatabase = "";
  return [
    { name: "burst", fault: "none", persistence: "none" },
    {
      name: "bot SIGKILL",
      fault: "bot SIGKILLed at 1/3 acked, restarted 1 s later",
      persistence: "none",
      async midBurst({ roles, note }) {
        await roles.kill("bot");
        await sleep(1_000);
        note(`bot back ${await roles.restart("bot")} ms after its restart`);
      },
    },
    {
      name: "agent SIGKILL",
      fault: "agent worker SIGKILLed once 1/3 of the questions are queued, restarted 1 s later",
      persistence: "none",
      faultAfter: "placeholders",
      async midBurst({ roles, note }) {
        await roles.kill("agent");
        await sleep(1_000);
        note(`agent back ${await roles.restart("agent")} ms after its restart`);
      },
    },
    {
      name: "query SIGKILL",
      fault: "query worker SIGKILLed once 1/3 of the questions are queued, restarted 1 s later",
      persistence: "none",
      faultAfter: "placeholders",
      async midBurst({ roles, note }) {
        await roles.kill("query");
        await sleep(1_000);
        note(`query worker back ${await roles.restart("query")} ms after its restart`);
      },
    },
    {
      name: "Redis down 10 s",
      fault: "redis-server SIGKILLed at 1/3 acked, restarted on its port 10 s later",
      persistence: "aof",
      mayRefuse: true,
      async midBurst({ redis }) {
        await redis.kill();
        await sleep(10_000);
        await redis.restart();
      },
    },
    {
      name: "Slack 20% failing",
      fault: "20% of chat.postMessage/update, reactions.add, conversations.replies, chat.delete fail (500, 429, ok:false)",
      persistence: "none",
      beforeBurst({ fake, note }) {
        const failing = failSlackCalls(fake, { rate: 0.2, budget: 3_000 });
        note(() => `Slack calls failed: ${Object.entries(failing.failed()).map(([kind, n]) => `${n} × ${kind}`).join(", ")} of ${fake.calls.length} calls`);
      },
    },
    {
      name: "hung source",
      fault: "billing is a Postgres URL on a TCP listener that never answers",
      persistence: "none",
      breaks: ["billing"],
      async setUp() {
        const hung = await startHungServer();
        const catalog = await writeChaosCatalog("billing", `postgres://skiff@127.0.0.1:${hung.port}/hung`);
        return {
          env: { SKIFF_CATALOG: catalog, ...sourceScenarioLimits },
          tearDown: async () => {
            await hung.close();
            await rm(catalog, { recursive: true, force: true });
          },
        };
      },
    },
    {
      name: "source killed",
      fault: "accounts on PostgreSQL; pg_terminate_backend of its sessions once 1/3 of the questions are queued, then every 0.5 s for 5 s",
      persistence: "none",
      faultAfter: "placeholders",
      breaks: ["accounts"],
      async setUp() {
        // `skiff demo load` fills Postgres (accounts) and ClickHouse (analytics); only the Postgres copy is read here.
        const [pg, ch] = await Promise.all([createPostgresTestDatabase("skiff_chaos"), createClickHouseTestDatabase("skiff_chaos")]);
        const home = await mkdtemp(join(tmpdir(), "skiff-chaos-load-"));
        const drop = async () => void (await Promise.allSettled([pg.drop(), ch.drop(), rm(home, { recursive: true, force: true })]));
        try {
          await promisify(execFile)(process.execPath, ["bin/skiff.js", "demo", "load", "--lake", options.lake], {
            cwd: root,
            env: { ...process.env, SKIFF_HOME: home, SKIFF_DEMO_POSTGRES_URL: pg.url, SKIFF_DEMO_CLICKHOUSE_DB: ch.name, SKIFF_LOG_LEVEL: "silent" },
          });
        } catch (error) {
          await drop();
          throw error;
        }
        const catalog = await writeChaosCatalog("accounts", pg.url);
        sourceDatabase = pg.name;
        return {
          env: { SKIFF_CATALOG: catalog, ...sourceScenarioLimits },
          tearDown: async () => {
            await drop();
            await rm(catalog, { recursive: true, force: true });
          },
        };
      },
      async midBurst({ note }) {
        let terminated = 0;
        for (let i = 0; i < 11; i += 1) {
          terminated += await terminateBackends(sourceDatabase);
          await sleep(500);
        }
        note(`${terminated} Postgres sessions of the accounts source terminated`);
      },
    },
  ];
}
