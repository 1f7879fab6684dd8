import type { types } from "@slack/bolt";
import type { AnswerSummary } from "../../shared/jobs/answer-job.js";
import { actionIds } from "./action-ids.js";
import { codeSpan } from "./code-span.js";
import { escapeMrkdwn } from "./escape-mrkdwn.js";
import { formatTable } from "./format-table.js";
import { mrkdwnText } from "./mrkdwn-text.js";
import { slackLink } from "./slack-link.js";
import { slackMessage, type SlackMessage } from "./slack-message.js";

const caveatIcons: Record<string, string> = {
  sampled: ":bar_chart:",
  stale: ":hourglass:",
  retention: ":file_cabinet:",
  truncated: ":scissors:",
  partial: ":warning:",
  pii_masked: ":lock:",
  approximate: ":straight_ruler:",
  empty_join: ":warning:",
  assumption: ":bulb:",
};

function seconds(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

// Everything below that came from a run (the answer, cells, column and source names, caveats, errors) is
// model or data text: it reaches Slack only through escapeMrkdwn or the code helpers built on it.

/** The finished answer: text, a small table, caveats, sources and time, the run link and buttons. */
export function answerBlocks(options: { runId: string; summary: AnswerSummary; pageUrl: string }): SlackMessage {
  const { runId, summary, pageUrl } = options;
  if (summary.status !== "answered") return problemBlocks({ runId, message: summary.answer, pageUrl, unanswerable: summary.status === "unanswerable" });
  const answer = escapeMrkdwn(summary.answer);
  const blocks: types.KnownBlock[] = [{ type: "section", text: mrkdwnText(answer) }];
  if (summary.table && summary.table.rows.length > 0 && !(summary.table.rows.length === 1 && summary.table.columns.length === 1)) {
    const more = summary.table.totalRows > summary.table.rows.length ? `\n_first ${summary.table.rows.length} of ${summary.table.totalRows} rows; the run page has them all_` : "";
    blocks.push({ type: "section", text: mrkdwnText(`${formatTable(summary.table.columns, summary.table.rows)}${more}`) });
  }
  if (summary.caveats.length > 0) {
    blocks.push({
      type: "context",
      // A context block holds at most 10 elements.
      elements: summary.caveats.slice(0, 10).map((c) => mrkdwnText(`${caveatIcons[c.kind] ?? ":warning:"} ${escapeMrkdwn(c.message)}`)),
    });
  }
  const noun = summary.queryCount === 1 ? "query" : "queries";
  blocks.push({
    type: "context",
    elements: [mrkdwnText(`Sources: ${escapeMrkdwn(summary.sources.join(", ") || "none")} · ${summary.queryCount} ${noun} · ${seconds(summary.durationMs)} · run ${codeSpan(runId)}`)],
  });
  blocks.push({
    type: "actions",
    elements: [
      // A button's url is an address, not mrkdwn: the signed run link goes as it is.
      { type: "button", action_id: actionIds.viewQueries, text: { type: "plain_text", text: "View queries" }, url: pageUrl, value: runId },
      { type: "button", action_id: actionIds.showSql, text: { type: "plain_text", text: "Show SQL" }, value: runId },
      { type: "button", action_id: actionIds.feedbackUp, text: { type: "plain_text", text: "👍", emoji: true }, value: runId },
      { type: "button", action_id: actionIds.feedbackDown, text: { type: "plain_text", text: "👎", emoji: true }, value: runId },
      { type: "button", action_id: actionIds.rerun, text: { type: "plain_text", text: "Rerun" }, value: runId },
    ],
  });
  return slackMessage(answer, blocks);
}

/** A short, human message with the run id: couldn't map the question, no access, a source down, an internal failure. */
export function problemBlocks(options: { runId: string; message: string; pageUrl?: string; unanswerable?: boolean }): SlackMessage {
  const icon = options.unanswerable ? ":thinking_face:" : ":warning:";
  const message = escapeMrkdwn(options.message);
  const link = options.pageUrl ? ` · ${slackLink(options.pageUrl, "details")}` : "";
  return slackMessage(message, [
    { type: "section", text: mrkdwnText(`${icon} ${message}`) },
    { type: "context", elements: [mrkdwnText(`run ${codeSpan(options.runId)}${link}`)] },
  ]);
}

/** The placeholder while the run works; `text` is plain text (a progress line from the agent, or one of the bot's replies). */
export function progressBlocks(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return slackMessage(escaped, [{ type: "context", elements: [mrkdwnText(escaped)] }]);
}
