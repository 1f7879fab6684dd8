/** A content block the fake model replies with. */
export type FakeBlock = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown };

/** One scripted reply: a message, an HTTP error (to test retries), or a raw body (to test malformed responses). */
export type FakeTurn =
  | { kind: "message"; content: FakeBlock[]; stopReason?: string; outputTokens?: number }
  | { kind: "error"; status: number; headers?: Record<string, string>; message?: string }
  | { kind: "raw"; body: unknown };

/** What the fake received, parsed. */
export interface RecordedRequest {
  headers: Record<string, string | string[] | undefined>;
  body: FakeRequestBody;
  /** The usage the fake reported for it (0 for error replies). */
  usage: FakeUsage;
}

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface FakeRequestBody {
  model: string;
  max_tokens: number;
  system?: Array<{ type: string; text: string; cache_control?: unknown }> | string;
  tools?: Array<{ name: string; description?: string; input_schema: unknown; cache_control?: unknown }>;
  messages: Array<{ role: string; content: string | Array<Record<string, unknown>> }>;
}

/** Decides the reply to a request: the n-th scripted turn, or computed from what was asked. */
export type FakeScript = FakeTurn[] | ((request: FakeRequestBody, index: number) => FakeTurn);
