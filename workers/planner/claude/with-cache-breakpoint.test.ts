import { describe, expect, it } from "vitest";
import { withCacheBreakpoint } from "./with-cache-breakpoint.js";

describe("withCacheBreakpoint", () => {
  it("marks only the newest block and leaves the conversation itself unmarked", () => {
    const messages = [
      { role: "user" as const, content: "first" },
      { role: "assistant" as const, content: [{ type: "tool_use" as const, id: "t1", name: "describe", input: { name: "x" } }] },
      { role: "user" as const, content: [{ type: "tool_result" as const, tool_use_id: "t1", content: "card" }] },
    ];
    const marked = withCacheBreakpoint(messages);
    expect(marked[2]?.content).toEqual([{ type: "tool_result", tool_use_id: "t1", content: "card", cache_control: { type: "ephemeral" } }]);
    expect(marked[0]).toEqual({ role: "user", content: "first" });
    expect(JSON.stringify(messages)).not.toContain("cache_control");
  });

  it("turns a plain-text question into a marked text block", () => {
    expect(withCacheBreakpoint([{ role: "user", content: "how many?" }])).toEqual([
      { role: "user", content: [{ type: "text", text: "how many?", cache_control: { type: "ephemeral" } }] },
    ]);
  });
});
