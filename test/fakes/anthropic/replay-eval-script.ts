import type { EvalQuestion, EvalSet } from "../../../catalog/model/eval-set-schema.js";
import type { FakeBlock, FakeRequestBody, FakeTurn } from "./fake-anthropic-types.js";
import { text, toolUse, turn } from "./fake-turns.js";

/** Tool calls per model turn, for a question whose expected SQL spans sources and so cannot run as one statement. */
export type ReplayPlan = Array<Array<{ name: string; input: unknown }>>;

const sourceOf = (sql: string): string | undefined => /\b(accounts|analytics|billing)\.[a-z_]+/.exec(sql)?.[1];

/** The question of a conversation: the newest user turn with text (the pipeline puts it after a header line). */
function questionOf(body: FakeRequestBody): string {
  for (const message of [...body.messages].reverse()) {
    if (message.role !== "user") continue;
    const content = typeof message.content === "string" ? message.content : message.content.find((b) => b.type === "text")?.text;
    if (typeof content === "string") return content.slice(content.indexOf("\n") + 1);
  }
  return "";
}

/**
 * A fake model that answers every eval question correctly by replaying its
 * expected SQL through run_query (or a hand-written plan for cross-source
 * questions), then answering with that result. It scores the harness and the
 * loop, not a model: with it, anything short of 100% is a Skiff bug.
 */
export function replayEvalScript(set: EvalSet, plans: Readonly<Record<string, ReplayPlan>>): (body: FakeRequestBody) => FakeTurn {
  const byQuestion = new Map<string, EvalQuestion>(set.questions.map((q) => [q.question, q]));
  return (body) => {
    const question = byQuestion.get(questionOf(body));
    if (!question) return turn(text(`I do not know "${questionOf(body)}".`));
    const step = body.messages.filter((m) => m.role === "assistant").length;
    const plan: ReplayPlan = plans[question.id] ?? [
      [{ name: "run_query", input: { source: sourceOf(question.sql), sql: question.sql, purpose: `expected answer to ${question.id}`, save_as: "expected" } }],
    ];
    const calls = plan[step];
    if (!calls) return turn(toolUse("answer", { text: `Answer to ${question.id}.`, result: "expected" }));
    const blocks: FakeBlock[] = calls.map((call) => toolUse(call.name, call.input));
    return turn(...blocks);
  };
}
