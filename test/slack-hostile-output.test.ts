import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerJob, AnswerSummary } from "../shared/jobs/answer-job.js";
import { queueNames } from "../shared/jobs/queue-names.js";
import { redisOptions } from "../shared/queues/redis-options.js";
import type { RunRecord } from "../shared/run-record.js";
import { createPostgresRunStore } from "../shared/run-store/create-postgres-run-store.js";
import { eventEnvelope, postToBot } from "./fakes/slack/signed-slack-request.js";
import { fakeBotUserId, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { TEST_AS_OF } from "./fixtures/demo-lake.js";
import { hostile, hostileText } from "./fixtures/hostile-text.js";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./fixtures/postgres-test-database.js";
import { slackControls } from "./fixtures/slack-controls.js";
import { finalUpdates, startSlackStack, testSigningSecret, type SlackStack } from "./fixtures/slack-stack.js";
import { slackTexts } from "./fixtures/slack-texts.js";

// Data, model text, SQL and errors that try to ping the channel or plant links, through the real bot into the fake Slack.
let db: PostgresTestDatabase;
let stack: SlackStack;
let answers: Queue;
let runStore: ReturnType<typeof createPostgresRunStore>;

const channel = "CHOSTILE";
const threadTs = "1764497000.000001";

const record: RunRecord = {
  id: "r_hostile",
  question: `How many ${hostileText}?`,
  asker: "UASKER9",
  asOf: TEST_AS_OF.toISOString(),
  createdAt: TEST_AS_OF.toISOString(),
  planner: "claude",
  status: "answered",
  answer: `There were 3 ${hostileText}.`,
  result: {
    columns: [hostile.channel, `n ${hostile.fence}`],
    rows: [
      [hostileText, 1],
      [hostile.link, 7],
      ["=cmd|' /C calc'!A0", -5],
      ["@SUM(A1)", 2],
    ],
  },
  caveats: [{ kind: "assumption", message: `Read it as ${hostileText}` }],
  queries: [
    { id: "q1", source: "analytics", sql: `SELECT '${hostileText}' AS "${hostile.user}" -- ${hostile.fence} end`, purpose: `Count ${hostileText}`, rows: 3, ms: 4, truncated: false, error: `failed: ${hostile.here}` },
  ],
  plan: {},
  durationMs: 12,
};

const summary: AnswerSummary = {
  status: "answered",
  question: record.question,
  answer: record.answer,
  caveats: record.caveats,
  table: { columns: record.result?.columns ?? [], rows: record.result?.rows ?? [], totalRows: 4 },
  sources: [hostile.here, "analytics"],
  queryCount: 1,
  durationMs: 12,
};

beforeAll(async () => {
  db = await createPostgresTestDatabase("skiff_hostile");
  stack = await startSlackStack({ name: "hostile", roles: ["bot"], extra: { SKIFF_DATABASE_URL: db.url } });
  runStore = createPostgresRunStore({ connectionString: db.url });
  await runStore.save(record);
  answers = new Queue(queueNames.answers, { connection: redisOptions("redis://127.0.0.1:6379"), prefix: stack.env.SKIFF_QUEUE_PREFIX });
});
afterAll(async () => {
  await answers?.close();
  await stack?.close();
  await runStore?.close();
  await db?.drop();
});

const target = (runId: string, placeholderTs: string) => ({ runId, channel, threadTs, placeholderTs });
const updatesOf = (placeholderTs: string) => stack.fake.calls.filter((c) => c.method === "chat.update" && c.params.ts === placeholderTs);

function interact(payload: Record<string, unknown>) {
  return postToBot(`${stack.botUrl}/slack/events`, {
    secret: testSigningSecret,
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: "application/x-www-form-urlencoded",
  });
}

/** The View queries button's signed address, pointed at the bot under test. */
function runLinkOf(call: SlackCall): URL {
  const blocks = call.params.blocks as Array<{ type: string; elements?: Array<{ url?: string }> }>;
  const url = blocks.find((b) => b.type === "actions")?.elements?.find((e) => e.url)?.url;
  if (!url) throw new Error("answer has no View queries link");
  const link = new URL(url);
  expect(link.origin).toBe("https://skiff.example.test");
  return new URL(`${link.pathname}${link.search}`, stack.botUrl);
}

/** Skiff's own control sequences: the asker's mention in an /ask echo, and the details link on a failed run. */
const ownControl = /^(<@UASKER\d+>|<https:\/\/skiff\.example\.test\/q\/r_[A-Za-z0-9_]+\?exp=\d+&amp;sig=[A-Za-z0-9_-]{43}\|details>)$/;

describe("Skiff's output to Slack with hostile data", () => {
  it("escapes the answer, its table, caveats and sources, progress and errors in every update, and keeps the run link", async () => {
    await answers.add("progress", { kind: "progress", ...target(record.id, "1764497000.000010"), text: `Running 1 query on ${hostileText}…` } satisfies AnswerJob);
    await stack.fake.waitFor(() => updatesOf("1764497000.000010").length === 1);
    await answers.add("final", { kind: "final", ...target(record.id, "1764497000.000010"), eventAt: Date.now(), summary } satisfies AnswerJob);
    await answers.add("final", { kind: "final", ...target("r_hostile_failed", "1764497000.000011"), eventAt: Date.now(), summary: { ...summary, status: "failed", answer: `Source down: ${hostileText}` } } satisfies AnswerJob);
    await answers.add("final", { kind: "final", ...target("r_hostile_invalid", "1764497000.000012"), eventAt: Date.now(), error: `Question invalid: ${hostileText}` } satisfies AnswerJob);
    await stack.fake.waitFor(() => ["1764497000.000010", "1764497000.000011", "1764497000.000012"].every((ts) => finalUpdates(stack.fake.calls, ts).length === 1), 15_000);

    const updates = stack.fake.callsTo("chat.update");
    expect(updates).toHaveLength(4);
    for (const update of updates) {
      expect(update.params).toMatchObject({ parse: "none", link_names: "false" });
      for (const text of slackTexts(update.params)) for (const control of slackControls(text)) expect(control).toMatch(ownControl);
    }
    const answer = finalUpdates(stack.fake.calls, "1764497000.000010")[0] as SlackCall;
    expect(answer.params.text).toContain("&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123ABC&gt;");
    expect(answer.params.text).toContain("&amp;amp;");
    const table = slackTexts(answer.params).find((t) => t.startsWith("```")) ?? "";
    expect(table.split("```")).toHaveLength(3);
    expect(table).toContain("&lt;https://evil.example|click&gt;");
    const failed = finalUpdates(stack.fake.calls, "1764497000.000011")[0] as SlackCall;
    expect(slackTexts(failed.params).flatMap(slackControls)).toHaveLength(1);

    // The run link in the answer is real and signed: the page and its CSV open, escaped and neutralised.
    const link = runLinkOf(answer);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/<(!channel|!here|@U123ABC|https:\/\/evil)/);
    expect(html).toContain("&lt;!channel&gt;");
    const csv = await (await fetch(new URL(`${link.pathname}.csv${link.search}`, stack.botUrl))).text();
    expect(csv).toContain("'=cmd|' /C calc'!A0,-5\n'@SUM(A1),2\n");
    const padded = new URL(link);
    padded.searchParams.set("sig", `${padded.searchParams.get("sig") ?? ""}=`);
    expect((await fetch(padded)).status).toBe(403);
  });

  it("escapes Show SQL: the purpose, the SQL and its ``` stay text inside one code block per query", async () => {
    const response = await interact({
      type: "block_actions",
      user: { id: "UASKER9", team_id: "T0TEST" },
      team: { id: "T0TEST" },
      api_app_id: "A0SKIFF",
      token: "legacy",
      trigger_id: "T.hostile.sql",
      container: { type: "message", message_ts: "1764497000.000010", channel_id: channel },
      channel: { id: channel, name: "hostile" },
      message: { type: "message", ts: "1764497000.000010", thread_ts: threadTs, text: "answer" },
      actions: [{ type: "button", action_id: "skiff_show_sql", block_id: "b", value: record.id, action_ts: "1764497000.1" }],
      response_url: `${stack.fake.url}response/T.hostile.sql`,
    });
    expect(response.status).toBe(200);
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postEphemeral" && c.params.user === "UASKER9"));
    const shown = stack.fake.callsTo("chat.postEphemeral").find((c) => c.params.user === "UASKER9") as SlackCall;
    const text = String(shown.params.text);
    expect(slackControls(text)).toEqual([]);
    expect(text.split("```")).toHaveLength(3);
    expect(text).toContain("SELECT '&lt;!channel&gt;");
    expect(shown.params).toMatchObject({ parse: "none", link_names: "false" });
  });

  it("echoes an /ask question and answers help without control sequences from the asker's text", async () => {
    // Slack sends typed text with &, < and > as entities; a pasted <!channel> arrives as the control sequence itself.
    const typed = `${hostile.channel} revenue for AT&amp;T &lt;b&gt;`;
    await postToBot(`${stack.botUrl}/slack/events`, {
      secret: testSigningSecret,
      body: new URLSearchParams({ command: "/ask", text: typed, user_id: "UASKER9", user_name: "eve", channel_id: "CHOSTILEASK", team_id: "T0TEST", trigger_id: "T.hostile.ask", response_url: `${stack.fake.url}response/T.hostile.ask`, api_app_id: "A0SKIFF" }).toString(),
      contentType: "application/x-www-form-urlencoded",
    });
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.channel === "CHOSTILEASK" && !c.params.thread_ts));
    const echo = stack.fake.calls.find((c) => c.method === "chat.postMessage" && c.params.channel === "CHOSTILEASK" && !c.params.thread_ts) as SlackCall;
    expect(echo.params.text).toBe("<@UASKER9> asked: &lt;!channel&gt; revenue for AT&amp;T &lt;b&gt;");

    const ts = "1764497000.000099";
    await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body: eventEnvelope({ type: "app_mention", user: "UASKER9", text: `<@${fakeBotUserId}> help`, ts, channel }) });
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts));
    const help = stack.fake.calls.find((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts) as SlackCall;
    expect(help.params.text).toContain("`/ask &lt;question&gt;`");
  });

  it("sent nothing, anywhere, that Slack would read as a mention or link it did not come from Skiff", () => {
    const sent = stack.fake.calls.filter((c) => c.method.startsWith("chat.") || c.method.startsWith("response/") || c.method === "views.open");
    expect(sent.length).toBeGreaterThan(6);
    for (const call of sent) {
      for (const text of slackTexts(call.params)) {
        for (const control of slackControls(text)) expect(control, `${call.method}: ${text}`).toMatch(ownControl);
      }
    }
  });
});
