import type { RunRecord } from "../../shared/run-record.js";
import { codeBlock } from "./code-block.js";
import { codeSpan } from "./code-span.js";
import { prose } from "./prose.js";
import { slackMessage, type SlackMessage } from "./slack-message.js";

/** Slack shows about 4,000 characters of a message's text in full; the run page has every statement. */
const maxChars = 3_900;
const cutNote = "\n_…cut here: *View queries* has every statement in full._";
/** Below this, a statement is left out rather than shown as a stub. */
const minSqlChars = 200;

/** Show SQL: every statement behind a run, each in a code block its SQL cannot break out of. */
export function sqlMessage(runId: string, run: RunRecord | undefined): SlackMessage {
  if (!run) return slackMessage(`Skiff has no run ${codeSpan(runId)} any more.`);
  if (run.queries.length === 0) return slackMessage("This run did not query anything.");
  const budget = maxChars - cutNote.length;
  const parts: string[] = [];
  let used = 0;
  for (const q of run.queries) {
    const head = `*${prose(q.id)}* on ${codeSpan(q.source)}: ${prose(q.purpose)} (${q.rows} rows, ${q.ms} ms)\n`;
    const separator = parts.length > 0 ? 1 : 0;
    const room = budget - used - separator - head.length;
    const block = codeBlock(q.sql);
    if (block.length <= room) {
      parts.push(head + block);
      used += separator + head.length + block.length;
      continue;
    }
    if (room >= minSqlChars) parts.push(head + codeBlock(q.sql, { maxChars: room }));
    return slackMessage(parts.join("\n") + cutNote);
  }
  return slackMessage(parts.join("\n"));
}
