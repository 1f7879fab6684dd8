import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeBotUserId, type SlackCall } from "./fakes/slack/start-fake-slack.js";
import { finalUpdates, startSlackStack, type SlackStack } from "./fixtures/slack-stack.js";

// Socket Mode: SLACK_APP_TOKEN set, events arrive over the fake's WebSocket instead of signed HTTP posts.
let stack: SlackStack;
let seq = 0;
const nextTs = () => `1764495000.${String(++seq).padStart(6, "0")}`;
const appToken = "xapp-1-A0SKIFF-test";

beforeAll(async () => {
  stack = await startSlackStack({ name: "socket", extra: { SLACK_APP_TOKEN: appToken } });
  await stack.fake.socket.waitForConnection();
});
afterAll(async () => {
  await stack?.close();
});

function eventsApi(event: Record<string, unknown>, eventId = `EvSocket${++seq}`) {
  return { token: "legacy", team_id: "T0TEST", api_app_id: "A0SKIFF", type: "event_callback", event_id: eventId, event_time: 1764495000, event: { event_ts: event.ts, ...event } };
}

async function answerIn(threadTs: string): Promise<SlackCall> {
  await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.thread_ts === threadTs), 45_000);
  const placeholder = stack.fake.calls.find((c) => c.method === "chat.postMessage" && c.params.thread_ts === threadTs);
  const placeholderTs = String(placeholder?.response.ts);
  await stack.fake.waitFor((calls) => finalUpdates(calls, placeholderTs).length > 0, 45_000);
  return finalUpdates(stack.fake.calls, placeholderTs)[0] as SlackCall;
}

describe("Skiff in Slack over Socket Mode", { timeout: 120_000 }, () => {
  it("opens its connection with the app token through SLACK_API_URL", () => {
    const opened = stack.fake.callsTo("apps.connections.open");
    expect(opened.length).toBeGreaterThan(0);
    expect(opened[0]?.token).toBe(appToken);
    expect(stack.fake.socket.openConnections()).toBe(1);
  });

  it("acknowledges a mention over the socket and answers it once in the thread, a redelivery included", async () => {
    const ts = nextTs();
    const envelope = eventsApi({ type: "app_mention", user: "USOCKET1", text: `<@${fakeBotUserId}> New enterprise accounts this month`, ts, channel: "CSOCKET" });
    await stack.fake.socket.deliver("events_api", envelope);
    const final = await answerIn(ts);
    expect(String(final.params.text)).toMatch(/\d/);
    expect(JSON.stringify(final.params.blocks)).toContain("View queries");

    // Slack redelivers an envelope it thinks went unacknowledged: same event id, retry_attempt 1.
    await stack.fake.socket.deliver("events_api", envelope, { retryAttempt: 1 });
    await stack.settled();
    expect(stack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts)).toHaveLength(1);
    expect(finalUpdates(stack.fake.calls)).toHaveLength(1);
  });

  it("takes /ask over the socket: acknowledged at once, the question posted in the channel and answered in its thread", async () => {
    await stack.fake.socket.deliver("slash_commands", {
      command: "/ask",
      text: "Top 10 countries by requests in the last 7 days",
      user_id: "USOCKET2",
      user_name: "grace",
      channel_id: "CSOCKETSLASH",
      team_id: "T0TEST",
      trigger_id: "T1.socket",
      response_url: `${stack.fake.url}response/T1.socket`,
      api_app_id: "A0SKIFF",
    });
    await stack.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.channel === "CSOCKETSLASH" && !c.params.thread_ts), 45_000);
    const asked = stack.fake.calls.find((c) => c.method === "chat.postMessage" && c.params.channel === "CSOCKETSLASH" && !c.params.thread_ts) as SlackCall;
    expect(asked.params.text).toBe("<@USOCKET2> asked: Top 10 countries by requests in the last 7 days");
    const final = await answerIn(String(asked.response.ts));
    expect(JSON.stringify(final.params.blocks)).toContain("```");
  });

  it("still serves the run pages and health checks on PORT", async () => {
    expect((await fetch(`${stack.botUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.botUrl}/readyz`)).status).toBe(200);
  });
});
