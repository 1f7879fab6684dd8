import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { estimateTokens, estimateUsage } from "./estimate-usage.js";
import type { FakeRequestBody, FakeScript, FakeTurn, RecordedRequest } from "./fake-anthropic-types.js";

export interface FakeAnthropic {
  /** Pass as the SDK's baseURL (or ANTHROPIC_BASE_URL). */
  url: string;
  /** Every request, in order, including the ones answered with an error. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeAnthropicOptions {
  script: FakeScript;
  /** Added before every reply, to stand in for model time. @defaultValue 0 */
  latencyMs?: number;
}

/**
 * A fake of the Messages API (`POST /v1/messages`, non-streaming) on
 * 127.0.0.1, for the real SDK to talk to. It replies from a script, records
 * every request, and reports token usage the way prompt caching would.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const cached = new Set<string>();
  let index = 0;

  const next = (body: FakeRequestBody): FakeTurn => {
    const at = index++;
    if (typeof options.script === "function") return options.script(body, at);
    const scripted = options.script[at];
    if (!scripted) return { kind: "error", status: 500, message: `the fake has no turn ${at + 1} scripted (it has ${options.script.length})` };
    return scripted;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) {
      reply(res, 404, { type: "error", error: { type: "not_found_error", message: `the fake serves POST /v1/messages, not ${req.method} ${req.url}` } });
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as FakeRequestBody;
    const recorded: RecordedRequest = { headers: req.headers, body, usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } };
    requests.push(recorded);
    const scripted = next(body);
    if (options.latencyMs) await sleep(options.latencyMs);
    if (scripted.kind === "error") {
      const type = scripted.status === 429 ? "rate_limit_error" : scripted.status === 529 ? "overloaded_error" : "api_error";
      reply(res, scripted.status, { type: "error", error: { type, message: scripted.message ?? `fake ${scripted.status}` } }, scripted.headers);
      return;
    }
    if (scripted.kind === "raw") {
      reply(res, 200, scripted.body);
      return;
    }
    const outputTokens = scripted.outputTokens ?? estimateTokens(JSON.stringify(scripted.content));
    recorded.usage = estimateUsage(body, cached, outputTokens);
    reply(res, 200, {
      id: `msg_fake_${requests.length}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content: scripted.content,
      stop_reason: scripted.stopReason ?? "end_turn",
      stop_sequence: null,
      usage: recorded.usage,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { type: "error", error: { type: "api_error", message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
