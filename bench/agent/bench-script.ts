import type { FakeRequestBody, FakeTurn } from "../../test/fakes/anthropic/fake-anthropic-types.js";
import { text, toolUse, turn } from "../../test/fakes/anthropic/fake-turns.js";

export interface BenchQuestion {
  question: string;
  search: string;
  describe: string;
  source: string;
  sql: string;
}

function questionOf(body: FakeRequestBody): string {
  const first = body.messages[0];
  const content = typeof first?.content === "string" ? first.content : String((first?.content[0] as { text?: string } | undefined)?.text ?? "");
  return content.slice(content.indexOf("\n") + 1);
}

/** A typical grounded conversation per question: search, describe, query, answer (four round trips). */
export function benchScript(questions: readonly BenchQuestion[]): (body: FakeRequestBody) => FakeTurn {
  const byText = new Map(questions.map((q) => [q.question, q]));
  return (body) => {
    const q = byText.get(questionOf(body));
    if (!q) return turn(text("unknown question"));
    switch (body.messages.filter((m) => m.role === "assistant").length) {
      case 0:
        return turn(text("Let me find the data."), toolUse("search_catalog", { query: q.search }));
      case 1:
        return turn(toolUse("describe", { name: q.describe }));
      case 2:
        return turn(toolUse("run_query", { source: q.source, sql: q.sql, purpose: "the answer", save_as: "answer_rows" }));
      default:
        return turn(toolUse("answer", { text: "Here is the answer.", result: "answer_rows", assumptions: ["today is UTC"] }));
    }
  };
}
