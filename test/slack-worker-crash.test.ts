import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startRoles, type RunningRoles } from "../cli/serve/start-roles.js";
import { queueNames } from "../shared/jobs/queue-names.js";
import { silentLogger } from "../shared/logger.js";
import { createPostgresRunStore } from "../shared/run-store/create-postgres-run-store.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, startFakeSlack, type FakeSlack } from "./fakes/slack/start-fake-slack.js";
import { deleteKeys } from "./fixtures/delete-keys.js";
import { finalUpdates, stackEnv, testSigningSecret, uniquePrefix } from "./fixtures/slack-stack.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const adminUrl = "postgres://postgres@127.0.0.1:5432/postgres";
const database = `skiff_crash_${randomBytes(4).toString("hex")}`;
const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** An agent worker in its own process, as production runs it; resolves once it takes jobs. */
function spawnAgent(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "cli/serve.ts", "agent"], {
    cwd: root,
    env: { ...process.env, ...env, SKIFF_LOG_LEVEL: "info", SKIFF_LOG_FORMAT: "json" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`agent worker did not start:\n${log}`)), 20_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("agent worker ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`agent worker exited with ${String(code)}:\n${log}`)));
  });
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("an agent worker killed mid-run", () => {
  it("is recovered by another worker and the thread ends with exactly one answer", async () => {
    await admin(`CREATE DATABASE ${database}`);
    cleanup.push(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    const fake: FakeSlack = await startFakeSlack();
    cleanup.push(() => fake.close());
    const prefix = uniquePrefix("crash");
    cleanup.push(() => deleteKeys(prefix));
    const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
    // Short locks so a dead worker's job is recovered in about a second, not thirty.
    const env = await stackEnv({ fake, prefix, extra: { SKIFF_DATABASE_URL: databaseUrl, SKIFF_JOB_LOCK_MS: "1000", SKIFF_STALLED_CHECK_MS: "500" } });

    const bot: RunningRoles = await startRoles({ roles: ["bot"], env, logger: silentLogger });
    cleanup.push(() => bot.close());
    const doomed = await spawnAgent(env);
    cleanup.push(() => Promise.resolve(void doomed.kill("SIGKILL")));

    const ts = "1764490100.000001";
    const event = { type: "app_mention", user: "UCRASH", text: `<@${fakeBotUserId}> Top 10 countries by requests in the last 7 days`, ts, channel: "CCRASH" };
    expect((await postToBot(`http://127.0.0.1:${bot.port ?? 0}/slack/events`, { secret: testSigningSecret, body: eventEnvelope(event) })).status).toBe(200);

    // No query worker runs yet, so the agent is mid-run for as long as the test wants: its query is queued, its answer pending.
    const queries = new Queue(queueNames.queries("analytics"), { connection: { host: "127.0.0.1", port: 6379 }, prefix });
    cleanup.push(() => queries.close());
    await waitUntil(async () => ((await queries.getJobCounts("waiting")).waiting ?? 0) > 0, "the agent queued its query");
    doomed.kill("SIGKILL");
    await new Promise((resolve) => doomed.once("exit", resolve));

    const rescuers = await startRoles({ roles: ["query", "agent"], env, logger: silentLogger });
    cleanup.push(() => rescuers.close());
    await fake.waitFor((calls) => finalUpdates(calls).length > 0, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const posts = fake.callsTo("chat.postMessage").filter((c) => c.params.channel === "CCRASH");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params.thread_ts).toBe(ts);
    const finals = finalUpdates(fake.calls);
    expect(finals).toHaveLength(1);
    expect(finals[0]?.params.ts).toBe(posts[0]?.response.ts);
    expect(JSON.stringify(finals[0]?.params.blocks)).toContain("View queries");

    const store = createPostgresRunStore({ connectionString: databaseUrl });
    cleanup.push(() => store.close());
    const runs = await store.list({ threadId: `slack:CCRASH:${ts}` });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe("answered");
  }, 60_000);
});
