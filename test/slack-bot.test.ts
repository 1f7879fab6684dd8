import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { signRunLink } from "../bot/links/run-link.js";
import { fakeBotUserId, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { eventEnvelope, postToBot, slackSignature } from "./fakes/slack/signed-slack-request.js";
import { TEST_AS_OF } from "./fixtures/demo-lake.js";
import { finalUpdates, startSlackStack, testLinkSecret, testSigningSecret, type SlackStack } from "./fixtures/slack-stack.js";

let stack: SlackStack;
let seq = 0;
const nextTs = () => `1764490000.${String(++seq).padStart(6, "0")}`;

beforeAll(async () => {
  stack = await startSlackStack({ name: "bot", extra: { SKIFF_RATE_LIMIT_PER_MINUTE: "3" } });
});
afterAll(async () => {
  await stack?.close();
});

function postEvent(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}) {
  return postToBot(`${stack.botUrl}/slack/events`, {
    secret: testSigningSecret,
    body: eventEnvelope(event, options.eventId),
    ...(options.retryNum === undefined ? {} : { retryNum: options.retryNum }),
  });
}

function mention(text: string, fields: Record<string, unknown> = {}) {
  return { type: "app_mention", user: "UASKER1", text: `<@${fakeBotUserId}> ${text}`, ts: nextTs(), channel: "CDATA", ...fields };
}

function inThread(calls: readonly SlackCall[], method: string, threadTs: string): SlackCall[] {
  return calls.filter((c) => c.method === method && c.params.thread_ts === threadTs);
}

// Waits are generous: they only bound how long a failure takes to show, and a loaded machine is slow, not wrong.
const waitMs = 45_000;

/** Waits for the thread's placeholder and its final answer; returns both. */
async function answerIn(threadTs: string) {
  await stack.fake.waitFor((calls) => inThread(calls, "chat.postMessage", threadTs).length > 0, waitMs);
  const placeholder = inThread(stack.fake.calls, "chat.postMessage", threadTs).at(-1);
  const placeholderTs = placeholderTsOf(placeholder);
  await stack.fake.waitFor((calls) => finalUpdates(calls, placeholderTs).length > 0, waitMs);
  return { placeholderTs, final: finalUpdates(stack.fake.calls, placeholderTs)[0] as SlackCall };
}

function placeholderTsOf(placeholder: SlackCall | undefined): string {
  const ts = placeholder?.response.ts;
  if (typeof ts !== "string") throw new Error("no placeholder");
  return ts;
}

function blocksText(call: SlackCall): string {
  return JSON.stringify(call.params.blocks);
}

function linkOf(call: SlackCall): URL {
  const blocks = call.params.blocks as Array<{ type: string; elements?: Array<{ url?: string }> }>;
  const url = blocks.find((b) => b.type === "actions")?.elements?.find((e) => e.url)?.url;
  if (!url) throw new Error("answer has no View queries link");
  const link = new URL(url);
  return new URL(`${link.pathname}${link.search}`, stack.botUrl);
}

let cliHome: string;

/** The same question through `skiff ask` (its own home: two stores on one DuckDB file in one process would collide). */
async function cliAnswer(question: string): Promise<string> {
  cliHome ??= await mkdtemp(join(tmpdir(), "skiff-slack-cli-"));
  let out = "";
  const code = await main(["node", "skiff", "ask", "--json", "--as-of", TEST_AS_OF.toISOString(), question], {
    io: { out: (t) => void (out += t), err: () => undefined },
    env: { SKIFF_DEMO_DB: stack.env.SKIFF_DEMO_DB, SKIFF_HOME: cliHome, SKIFF_LOG_LEVEL: "silent" },
  });
  expect(code).toBe(0);
  return (JSON.parse(out) as { answer: string }).answer;
}

describe("Skiff in Slack", { timeout: 120_000 }, () => {
  it("answers a mention in the question's thread: reaction, placeholder, one update with the number and a signed link", async () => {
    const question = "How many domains that signed up today are in the top 100 by traffic?";
    const event = mention(question);
    const response = await postEvent(event);
    expect(response.status).toBe(200);
    const { final } = await answerIn(event.ts);

    expect(stack.fake.callsTo("reactions.add").some((c) => c.params.timestamp === event.ts && c.params.name === "eyes")).toBe(true);
    expect(inThread(stack.fake.calls, "chat.postMessage", event.ts)).toHaveLength(1);
    const expected = await cliAnswer(question);
    expect(final.params.text).toBe(expected);
    expect(expected).toMatch(/\d/);
    expect(blocksText(final)).toContain("Show SQL");

    const link = linkOf(final);
    expect(link.pathname).toMatch(/^\/q\/r_[A-Za-z0-9_-]+$/);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("How many domains that signed up today are in the top 100 by traffic?");
    expect(html).toContain("SELECT");
    expect(html).toContain("UASKER1");

    const csv = await fetch(new URL(`${link.pathname}.csv${link.search}`, stack.botUrl));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");

    const runId = link.pathname.split("/").at(-1) ?? "";
    const forged = new URL(link);
    forged.searchParams.set("sig", `${forged.searchParams.get("sig")?.slice(0, -2) ?? ""}AA`);
    expect((await fetch(forged)).status).toBe(403);
    expect((await fetch(new URL(link.pathname, stack.botUrl))).status).toBe(403);
    const expired = new URL(`${link.pathname}?${signRunLink({ secret: testLinkSecret, runId, expiresAt: TEST_AS_OF.getTime() - 1 })}`, stack.botUrl);
    expect((await fetch(expired)).status).toBe(403);
    const otherRun = new URL(`/q/r_other?${link.searchParams.toString()}`, stack.botUrl);
    expect((await fetch(otherRun)).status).toBe(403);
  });

  it("answers any DM to the app in a thread under the message", async () => {
    const event = { type: "message", channel_type: "im", channel: "DASKER2", user: "UASKER2", text: "Top 10 countries by requests in the last 7 days", ts: nextTs() };
    expect((await postEvent(event)).status).toBe(200);
    const { final } = await answerIn(event.ts);
    expect(final.params.text).toBe(await cliAnswer("Top 10 countries by requests in the last 7 days"));
    expect(blocksText(final)).toContain("```");
  });

  it("takes /ask: acks at once, posts the question in the channel and answers in its thread; /ask help is private", async () => {
    const form = (text: string, triggerId: string) =>
      new URLSearchParams({
        command: "/ask",
        text,
        user_id: "UASKER3",
        user_name: "ada",
        channel_id: "CSLASH",
        team_id: "T0TEST",
        trigger_id: triggerId,
        response_url: `${stack.fake.url}response/${triggerId}`,
        api_app_id: "A0SKIFF",
      }).toString();
    const started = Date.now();
    const response = await postToBot(`${stack.botUrl}/slack/events`, {
      secret: testSigningSecret,
      body: form("New enterprise accounts this month", "T1.slash"),
      contentType: "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.channel === "CSLASH" && !c.params.thread_ts), waitMs);
    const asked = stack.fake.calls.find((c) => c.method === "chat.postMessage" && c.params.channel === "CSLASH" && !c.params.thread_ts) as SlackCall;
    expect(asked.params.text).toBe("<@UASKER3> asked: New enterprise accounts this month");
    const { final } = await answerIn(asked.response.ts as string);
    expect(final.params.text).toBe(await cliAnswer("New enterprise accounts this month"));

    await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body: form("help", "T2.help"), contentType: "application/x-www-form-urlencoded" });
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "response/T2.help"), waitMs);
    const help = stack.fake.callsTo("response/T2.help")[0] as SlackCall;
    expect(help.params.response_type).toBe("ephemeral");
    expect(String(help.params.text)).toContain("/ask");
  });

  it("posts an /ask question in its channel only once it is admitted: once however often it arrives, never when it is over the limit", async () => {
    const form = (triggerId: string, user = "UASKER10") =>
      new URLSearchParams({
        command: "/ask",
        text: "Bandwidth by cache status for the last 24 hours",
        user_id: user,
        user_name: "lin",
        channel_id: "CSLASHDUP",
        team_id: "T0TEST",
        trigger_id: triggerId,
        response_url: `${stack.fake.url}response/${triggerId}`,
        api_app_id: "A0SKIFF",
      }).toString();
    const post = (triggerId: string, user?: string) =>
      postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body: form(triggerId, user), contentType: "application/x-www-form-urlencoded" });
    const echoes = (calls: readonly SlackCall[]) => calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === "CSLASHDUP" && !c.params.thread_ts);
    const statuses = await Promise.all([post("T.dup"), post("T.dup")]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    expect((await post("T.dup")).status).toBe(200);
    await stack.fake.waitFor((calls) => echoes(calls).length === 1, waitMs);
    const { final } = await answerIn(String(echoes(stack.fake.calls)[0]?.response.ts));
    expect(final.params.text).toMatch(/\d/);

    // Over the limit (3 a minute in this file): told privately, and nothing posted in the channel.
    for (const n of [1, 2, 3]) expect((await post(`T.fast${n}`, "UASKER11")).status).toBe(200);
    expect((await post("T.fast4", "UASKER11")).status).toBe(200);
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "response/T.fast4"), waitMs);
    expect(String(stack.fake.callsTo("response/T.fast4")[0]?.params.text)).toMatch(/as many as I take from one person/);
    await stack.settled(waitMs);
    expect(echoes(stack.fake.calls)).toHaveLength(4);
  });

  it("treats a reply in a thread Skiff answered as a follow-up with the thread's history, and ignores other threads", async () => {
    const first = mention("How many zones signed up each day this week?", { user: "UASKER4" });
    await postEvent(first);
    const { final: firstAnswer } = await answerIn(first.ts);
    const firstRun = linkOf(firstAnswer).pathname.split("/").at(-1);

    // A reply in a thread Skiff never answered, sent before the follow-up: by the time the follow-up is answered it was long handled.
    const stranger = { type: "message", channel_type: "channel", channel: "CDATA", user: "UASKER4", text: "lunch?", ts: nextTs(), thread_ts: "1700000000.000001" };
    await postEvent(stranger);
    const followUp = { type: "message", channel_type: "channel", channel: "CDATA", user: "UASKER4", text: "New enterprise accounts this month", ts: nextTs(), thread_ts: first.ts };
    await postEvent(followUp);
    await stack.fake.waitFor((calls) => inThread(calls, "chat.postMessage", first.ts).length === 2, waitMs);
    const second = inThread(stack.fake.calls, "chat.postMessage", first.ts)[1] as SlackCall;
    await stack.fake.waitFor((calls) => finalUpdates(calls, placeholderTsOf(second)).length === 1, waitMs);
    const secondAnswer = finalUpdates(stack.fake.calls, placeholderTsOf(second))[0] as SlackCall;
    const secondRun = linkOf(secondAnswer).pathname.split("/").at(-1);
    expect(secondRun).not.toBe(firstRun);
    // Both runs belong to the thread, so the second planner call saw the first as history.
    const page = await (await fetch(linkOf(secondAnswer))).text();
    expect(page).toContain("New enterprise accounts this month");

    await stack.settled(waitMs);
    expect(inThread(stack.fake.calls, "chat.postMessage", "1700000000.000001")).toHaveLength(0);
  });

  it("starts one run however often Slack delivers a question (same event id, retries, mention plus message)", async () => {
    const event = mention("Bandwidth by cache status for the last 24 hours", { user: "UASKER5" });
    const eventId = `EvDUP${Date.now()}`;
    await Promise.all([postEvent(event, { eventId }), postEvent(event, { eventId })]);
    await postEvent(event, { eventId, retryNum: 1 });
    await postEvent(event, { eventId, retryNum: 2 });
    // The same message also arrives as a plain message event with its own event id.
    await postEvent({ type: "message", channel_type: "channel", channel: "CDATA", user: "UASKER5", text: event.text, ts: event.ts });
    const { placeholderTs } = await answerIn(event.ts);
    await stack.settled(waitMs);
    expect(inThread(stack.fake.calls, "chat.postMessage", event.ts)).toHaveLength(1);
    expect(finalUpdates(stack.fake.calls, placeholderTs)).toHaveLength(1);
  });

  it("rejects a bad signature with 401 and survives malformed bodies, unknown events, bots and edits", async () => {
    const body = eventEnvelope(mention("Top 10 countries by requests in the last 7 days"));
    const forged = await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body, signature: slackSignature("wrong-secret", Math.floor(Date.now() / 1000), body) });
    expect(forged.status).toBe(401);
    const stale = await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body, timestamp: Math.floor(Date.now() / 1000) - 3_600 });
    expect(stale.status).toBe(401);

    const before = stack.fake.calls.length;
    const odd = [
      "{not json",
      JSON.stringify({ type: "event_callback" }),
      eventEnvelope({ type: "reaction_added", user: "U1", reaction: "tada", item: { type: "message", channel: "CDATA", ts: "1.2" } }),
      eventEnvelope({ type: "app_mention", text: 42 }),
      eventEnvelope({ type: "message", subtype: "bot_message", bot_id: "BOTHER", channel: "DX", channel_type: "im", text: "hi", ts: nextTs() }),
      eventEnvelope({ type: "message", channel_type: "im", channel: "DX", user: fakeBotUserId, text: "my own words", ts: nextTs() }),
      eventEnvelope({ type: "message", subtype: "message_changed", channel: "DX", channel_type: "im", ts: nextTs(), message: { text: "edited" } }),
      eventEnvelope({ type: "message", subtype: "message_deleted", channel: "DX", channel_type: "im", ts: nextTs() }),
    ];
    for (const odd1 of odd) {
      const response = await postToBot(`${stack.botUrl}/slack/events`, { secret: testSigningSecret, body: odd1 });
      expect(response.status).toBeLessThan(500);
    }
    // A real question after them: once it is answered and Skiff has settled, the odd ones were handled long since.
    const after = mention("What share of requests were cache hits yesterday?", { user: "UASKER6" });
    await postEvent(after);
    const { placeholderTs, final } = await answerIn(after.ts);
    expect(final.params.text).toMatch(/%/);
    await stack.settled(waitMs);
    const elsewhere = stack.fake.calls.slice(before).filter((c) => c.method.startsWith("chat.") && c.params.thread_ts !== after.ts && c.params.ts !== placeholderTs);
    expect(elsewhere).toHaveLength(0);
  });

  it("limits how fast one person asks, politely", async () => {
    const asks = Array.from({ length: 4 }, () => mention("New enterprise accounts this month", { user: "UFAST" }));
    for (const ask of asks) await postEvent(ask);
    const last = asks[3] as { ts: string };
    await stack.fake.waitFor((calls) => inThread(calls, "chat.postMessage", last.ts).length === 1, waitMs);
    expect(String(inThread(stack.fake.calls, "chat.postMessage", last.ts)[0]?.params.text)).toMatch(/as many as I take from one person/);
    for (const ask of asks.slice(0, 3)) await answerIn(ask.ts);
  });

  it("serves health, readiness and Prometheus metrics", async () => {
    expect((await fetch(`${stack.botUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.botUrl}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${stack.botUrl}/metrics`)).text();
    expect(metrics).toMatch(/skiff_questions_total\{surface="mention"\} \d+/);
    expect(metrics).toContain("skiff_event_to_answer_seconds_bucket");
    // Earlier tests were answered: the agent's work and the transport around it are observed per answer.
    expect(Number(/skiff_agent_work_seconds_count (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/skiff_transport_seconds_count (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/skiff_queue_jobs\{queue="questions",state="waiting"\}/);
    expect(metrics).toMatch(/skiff_queue_jobs\{queue="queries-analytics",state="active"\} \d+/);
  });

  it("answers the buttons: Show SQL privately, 👍, 👎 with a modal stored with the run, Rerun in the same thread", async () => {
    const event = mention("Top 10 countries by requests in the last 7 days", { user: "UASKER7" });
    await postEvent(event);
    const { placeholderTs, final } = await answerIn(event.ts);
    const link = linkOf(final);
    const runId = link.pathname.split("/").at(-1) ?? "";
    const interact = (payload: Record<string, unknown>) =>
      postToBot(`${stack.botUrl}/slack/events`, {
        secret: testSigningSecret,
        body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        contentType: "application/x-www-form-urlencoded",
      });
    const click = (actionId: string, triggerId: string) =>
      interact({
        type: "block_actions",
        user: { id: "UASKER7", team_id: "T0TEST" },
        team: { id: "T0TEST" },
        api_app_id: "A0SKIFF",
        token: "legacy",
        trigger_id: triggerId,
        container: { type: "message", message_ts: placeholderTs, channel_id: "CDATA" },
        channel: { id: "CDATA", name: "data" },
        message: { type: "message", ts: placeholderTs, thread_ts: event.ts, text: "answer" },
        actions: [{ type: "button", action_id: actionId, block_id: "b", value: runId, action_ts: "1764490000.1" }],
        response_url: `${stack.fake.url}response/${triggerId}`,
      });

    expect((await click("skiff_show_sql", "T.sql")).status).toBe(200);
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postEphemeral" && String(c.params.text).includes("SELECT")), waitMs);

    await click("skiff_feedback_up", "T.up");
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postEphemeral" && String(c.params.text).startsWith("Thanks")), waitMs);

    await click("skiff_feedback_down", "T.down");
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "views.open" && c.params.trigger_id === "T.down"), waitMs);
    const view = stack.fake.callsTo("views.open").at(-1)?.params.view as { callback_id: string; private_metadata: string };
    const submitted = await interact({
      type: "view_submission",
      team: { id: "T0TEST" },
      user: { id: "UASKER8", team_id: "T0TEST" },
      api_app_id: "A0SKIFF",
      token: "legacy",
      trigger_id: "T.view",
      view: {
        id: "V1",
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: { what_was_wrong: { text: { type: "plain_text_input", value: "Counted <script>bots</script> too" } } } },
      },
    });
    expect(submitted.status).toBe(200);
    const deadline = Date.now() + waitMs;
    let page = "";
    while (!page.includes("bots") && Date.now() < deadline) page = await (await fetch(link)).text();
    expect(page).toContain("👍 UASKER7");
    expect(page).toContain("👎 UASKER8");
    expect(page).toContain("Counted &lt;script&gt;bots&lt;/script&gt; too");

    await click("skiff_rerun", "T.rerun");
    await stack.fake.waitFor((calls) => inThread(calls, "chat.postMessage", event.ts).length === 2, waitMs);
    const rerun = inThread(stack.fake.calls, "chat.postMessage", event.ts)[1] as SlackCall;
    await stack.fake.waitFor((calls) => finalUpdates(calls, placeholderTsOf(rerun)).length === 1, waitMs);
    expect(finalUpdates(stack.fake.calls, placeholderTsOf(rerun))[0]?.params.text).toBe(final.params.text);
  });
});
