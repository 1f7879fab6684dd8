import type { types } from "@slack/bolt";
import type { AnswerSummary } from "../../shared/jobs/answer-job.js";
import { actionIds } from "./action-ids.js";
import { escapeMrkdwn } from "./escape-mrkdwn.js";
import { formatTable } from "./format-table.js";

export interface RenderedMessage {
  /** Notification and screen-reader text. */
  text: string;
  blocks: types.KnownBlock[];
}

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

/** The finished answer: text, a small table, caveats, sources and time, the run link and buttons. */
export function answerBlocks(options: { runId: string; summary: AnswerSummary; pageUrl: string }): RenderedMessage {
  const { runId, summary, pageUrl } = options;
  if (summary.status !== "answered") return problemBlocks({ runId, message: summary.answer, pageUrl, unanswerable: summary.status === "unanswerable" });
  const blocks: types.KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(summary.answer) } }];
  if (summary.table && summary.table.rows.length > 0 && !(summary.table.rows.length === 1 && summary.table.columns.length === 1)) {
    const more = summary.table.totalRows > summary.table.rows.length ? `\n_first ${summary.table.rows.length} of ${summary.table.totalRows} rows; the run page has them all_` : "";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${formatTable(summary.table.columns, summary.table.rows)}\`\`\`${more}` } });
  }
  if (summary.caveats.length > 0) {
    blocks.push({
      type: "context",
      // A context block holds at most 10 elements.
      elements: summary.caveats.slice(0, 10).map((c) => ({ type: "mrkdwn" as const, text: `${caveatIcons[c.kind] ?? ":warning:"} ${escapeMrkdwn(c.message)}` })),
    });
  }
  const noun = summary.queryCount === 1 ? "query" : "queries";
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `Sources: ${summary.sources.join(", ") || "none"} · ${summary.queryCount} ${noun} · ${seconds(summary.durationMs)} · run \`${runId}\`` }],
  });
  blocks.push({
    type: "actions",
    elements: [
      { type: "button", action_id: actionIds.viewQueries, text: { type: "plain_text", text: "View queries" }, url: pageUrl, value: runId },
      { type: "button", action_id: actionIds.showSql, text: { type: "plain_text", text: "Show SQL" }, value: runId },
      { type: "button", action_id: actionIds.feedbackUp, text: { type: "plain_text", text: "👍", emoji: true }, value: runId },
      { type: "button", action_id: actionIds.feedbackDown, text: { type: "plain_text", text: "👎", emoji: true }, value: runId },
      { type: "button", action_id: actionIds.rerun, text: { type: "plain_text", text: "Rerun" }, value: runId },
    ],
  });
  return { text: summary.answer, blocks };
}

/** A short, human message with the run id: couldn't map the question, no access, a source down, an internal failure. */
export function problemBlocks(options: { runId: string; message: string; pageUrl?: string; unanswerable?: boolean }): RenderedMessage {
  const icon = options.unanswerable ? ":thinking_face:" : ":warning:";
  const link = options.pageUrl ? ` · <${options.pageUrl}|details>` : "";
  return {
    text: options.message,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${icon} ${escapeMrkdwn(options.message)}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: `run \`${options.runId}\`${link}` }] },
    ],
  };
}

/** The placeholder while the run works. */
export function progressBlocks(text: string): RenderedMessage {
  return { text, blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }] };
}
