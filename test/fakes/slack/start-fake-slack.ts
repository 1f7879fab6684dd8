import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { attachFakeSocketMode, type FakeSocketMode } from "./fake-socket-mode.js";

export interface SlackCall {
  method: string;
  /** Form fields, with JSON-valued fields (blocks, attachments, view) parsed. */
  params: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** What the fake answered. */
  response: Record<string, unknown>;
}

export interface FakeSlack {
  /** The Web API base for SLACK_API_URL (ends with a slash, like https://slack.com/api/). */
  url: string;
  calls: SlackCall[];
  /** Socket Mode: `apps.connections.open` hands out this endpoint's URL. */
  socket: FakeSocketMode;
  callsTo(method: string): SlackCall[];
  /**
   * The next `times` calls to `method` fail the way Slack fails: `{ ok: false, error }`
   * with HTTP 200 by default, or another HTTP status (a 5xx, or 429 with a
   * Retry-After of `retryAfterSeconds`). The failed calls are recorded too.
   */
  failNext(method: string, error: string, options?: SlackFailure): void;
  /**
   * Holds calls to `method` (those matching `when`) open, unanswered, until
   * `release()`: a Slack that is slow for exactly the call a test is about.
   * `waitForHeld(n)` resolves once `n` calls are being held.
   */
  hold(method: string, options?: { when?: (params: Record<string, unknown>) => boolean }): HeldCalls;
  /** Resolves when `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  waitFor(predicate: (calls: readonly SlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export interface SlackFailure {
  /** @defaultValue 200 (a platform error) */
  status?: number;
  /** Sent as Retry-After with a 429. @defaultValue 1 */
  retryAfterSeconds?: number;
  /** @defaultValue 1 */
  times?: number;
  /** Only calls whose params match fail (e.g. the final answer's update, not a progress update); others pass this failure by. @defaultValue every call */
  when?: (params: Record<string, unknown>) => boolean;
}

export interface HeldCalls {
  /** Calls held right now. */
  held(): number;
  waitForHeld(count: number, timeoutMs?: number): Promise<void>;
  /** Answers every held call and stops holding. */
  release(): void;
}

export const fakeBotUserId = "UBOTSKIFF";

const jsonFields = new Set(["blocks", "attachments", "view", "metadata"]);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseParams(type: string | undefined, body: string): Record<string, unknown> {
  if (type?.includes("application/json")) return JSON.parse(body || "{}") as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = jsonFields.has(key) ? (JSON.parse(value) as unknown) : value;
  }
  return params;
}

/**
 * A fake of the Slack Web API on 127.0.0.1 for the real @slack/web-api client
 * (through `slackApiUrl`): answers the methods Skiff calls the way Slack does
 * and records every call for assertions.
 */
export async function startFakeSlack(options: { onCall?: (call: SlackCall) => void; record?: boolean } = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, (SlackFailure & { error: string })[]>();
  let seq = 0;
  const nextTs = () => `1764500000.${String(++seq).padStart(6, "0")}`;

  const answer = (method: string, params: Record<string, unknown>): { status: number; headers: Record<string, string>; body: Record<string, unknown> } => {
    const queued = failures.get(method) ?? [];
    const at = queued.findIndex((f) => f.when?.(params) ?? true);
    const failure = at < 0 ? undefined : queued.splice(at, 1)[0];
    if (failure) {
      const status = failure.status ?? 200;
      const headers: Record<string, string> = status === 429 ? { "retry-after": String(failure.retryAfterSeconds ?? 1) } : {};
      return { status, headers, body: { ok: false, error: failure.error } };
    }
    return { status: 200, headers: {}, body: answerOk(method, params) };
  };

  const answerOk = (method: string, params: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://skiff-test.slack.com/", team: "Skiff Test", user: "skiff", team_id: "T0TEST", user_id: fakeBotUserId, bot_id: "B0SKIFF" };
      case "chat.postMessage": {
        const ts = nextTs();
        return { ok: true, channel: params.channel, ts, message: { text: params.text, ts, user: fakeBotUserId } };
      }
      case "apps.connections.open":
        return { ok: true, url: socket.url };
      case "chat.update":
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      case "conversations.history": {
        // The channel's top-level messages, newest first, with metadata when asked for.
        const withMetadata = String(params.include_all_metadata) === "true";
        const posted = calls.filter((c) => c.method === "chat.postMessage" && c.response.ok === true && c.params.channel === params.channel && !c.params.thread_ts);
        const messages = posted.reverse().map((c) => ({ type: "message", ts: c.response.ts, text: c.params.text, ...(withMetadata && c.params.metadata ? { metadata: c.params.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case "conversations.replies": {
        // The thread as Slack keeps it: the parent and the replies posted so far, with metadata when asked for.
        const withMetadata = String(params.include_all_metadata) === "true";
        const thread = calls.filter(
          (c) => c.method === "chat.postMessage" && c.response.ok === true && c.params.channel === params.channel && (c.params.thread_ts === params.ts || c.response.ts === params.ts),
        );
        const messages = thread.map((c) => ({
          type: "message",
          ts: c.response.ts,
          text: c.params.text,
          ...(c.params.thread_ts ? { thread_ts: c.params.thread_ts } : {}),
          ...(withMetadata && c.params.metadata ? { metadata: c.params.metadata } : {}),
        }));
        return { ok: true, messages, has_more: false };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "views.open":
        return { ok: true, view: { id: `V${seq}` } };
      default:
        return { ok: true };
    }
  };

  const holds: { method: string; when?: (params: Record<string, unknown>) => boolean; waiting: (() => void)[]; released: boolean; changed: Set<() => void> }[] = [];
  const heldUntilReleased = (method: string, params: Record<string, unknown>) => {
    const hold = holds.find((h) => !h.released && h.method === method && (h.when?.(params) ?? true));
    if (!hold) return undefined;
    return new Promise<void>((resolve) => {
      hold.waiting.push(resolve);
      for (const notify of hold.changed) notify();
    });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const method = (req.url ?? "/").replace(/^\/+/, "").split("?")[0] ?? "";
      const params = parseParams(req.headers["content-type"], await readBody(req));
      await heldUntilReleased(method, params);
      const auth = req.headers.authorization;
      const { status, headers, body: response } = answer(method, params);
      const call = { method, params, token: auth?.replace(/^Bearer /, "") ?? (params.token as string | undefined), at: Date.now(), response };
      // Benchmarks turn recording off so a long run does not hold every call.
      if (options.record ?? true) calls.push(call);
      options.onCall?.(call);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(response));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  const socket = attachFakeSocketMode(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    calls,
    socket,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext: (method, error, failure = {}) => {
      const queued = failures.get(method) ?? [];
      for (let i = 0; i < (failure.times ?? 1); i++) queued.push({ ...failure, error });
      failures.set(method, queued);
    },
    hold(method, options = {}) {
      const hold = { method, ...(options.when ? { when: options.when } : {}), waiting: [] as (() => void)[], released: false, changed: new Set<() => void>() };
      holds.push(hold);
      return {
        held: () => hold.waiting.length,
        waitForHeld: (count, timeoutMs = 30_000) =>
          new Promise<void>((resolve, reject) => {
            const check = () => {
              if (hold.waiting.length < count) return;
              done();
              resolve();
            };
            const timer = setTimeout(() => {
              done();
              reject(new Error(`fake Slack: ${hold.waiting.length} of ${count} ${method} calls held after ${timeoutMs} ms`));
            }, timeoutMs);
            const done = () => {
              clearTimeout(timer);
              hold.changed.delete(check);
            };
            hold.changed.add(check);
            check();
          }),
        release: () => {
          hold.released = true;
          for (const answer of hold.waiting.splice(0)) answer();
        },
      };
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset: () => void calls.splice(0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        socket.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
