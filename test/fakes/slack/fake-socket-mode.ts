import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

/** What Slack sends over a Socket Mode connection besides `hello` and `disconnect`. */
export type SocketEnvelopeType = "events_api" | "slash_commands" | "interactive";

export interface FakeSocketMode {
  /** The URL `apps.connections.open` hands out. */
  url: string;
  /** Apps connected right now. */
  openConnections(): number;
  /** Resolves once an app has connected and been greeted with `hello`. */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /**
   * Sends one envelope to the newest connection, as Slack does, and resolves
   * with the app's acknowledgement (its `payload`, if any); rejects when the
   * app does not acknowledge within Slack's 3 seconds.
   */
  deliver(type: SocketEnvelopeType, payload: Record<string, unknown>, options?: { retryAttempt?: number }): Promise<Record<string, unknown> | undefined>;
  close(): void;
}

const ackTimeoutMs = 3_000;

/**
 * Slack's Socket Mode on the fake's own HTTP server: a WebSocket endpoint at
 * `/link` that greets with `hello`, wraps deliveries in envelopes and waits
 * for the `{ envelope_id }` acknowledgements the real @slack/socket-mode
 * client sends back.
 */
export function attachFakeSocketMode(server: Server): FakeSocketMode {
  const ticket = randomUUID();
  const wss = new WebSocketServer({ noServer: true });
  const connections: WebSocket[] = [];
  const acks = new Map<string, (payload: Record<string, unknown> | undefined) => void>();

  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/link")) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.push(ws);
      ws.on("close", () => connections.splice(connections.indexOf(ws), 1));
      ws.on("message", (data: Buffer) => {
        const message = JSON.parse(data.toString("utf8")) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id) acks.get(message.envelope_id)?.(message.payload && Object.keys(message.payload).length > 0 ? message.payload : undefined);
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: connections.length, debug_info: { host: "fake-slack" }, connection_info: { app_id: "A0SKIFF" } }));
    });
  });

  return {
    get url() {
      const address = server.address();
      if (!address || typeof address === "string") throw new Error("fake Slack: the server is not listening yet");
      return `ws://127.0.0.1:${address.port}/link/?ticket=${ticket}`;
    },
    openConnections: () => connections.length,
    async waitForConnection(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (connections.length === 0) {
        if (Date.now() > deadline) throw new Error(`fake Slack: no Socket Mode connection within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    deliver(type, payload, options = {}) {
      const ws = connections.at(-1);
      if (!ws) return Promise.reject(new Error("fake Slack: no app is connected over Socket Mode"));
      const envelopeId = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          acks.delete(envelopeId);
          reject(new Error(`fake Slack: envelope ${envelopeId} (${type}) was not acknowledged within ${ackTimeoutMs} ms`));
        }, ackTimeoutMs);
        acks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          acks.delete(envelopeId);
          resolve(ack);
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== "events_api",
            ...(type === "events_api" ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? "timeout" : "" } : {}),
          }),
        );
      });
    },
    close() {
      for (const ws of connections) ws.terminate();
      wss.close();
    },
  };
}
