import { describe, expect, it } from "vitest";
import type { AnswerSummary } from "../../shared/jobs/answer-job.js";
import { hostile, hostileText } from "../../test/fixtures/hostile-text.js";
import { slackControls } from "../../test/fixtures/slack-controls.js";
import { slackTexts } from "../../test/fixtures/slack-texts.js";
import { answerBlocks, problemBlocks, progressBlocks } from "./answer-blocks.js";

const pageUrl = "https://skiff.example.test/q/r_hostile?exp=1764500000000&sig=abc";
const summary: AnswerSummary = {
  status: "answered",
  question: `How many ${hostileText}?`,
  answer: `There were 3 ${hostileText}.`,
  caveats: [{ kind: "assumption", message: `Read "today" as ${hostileText}` }],
  table: {
    columns: [hostile.channel, `n ${hostile.fence}`],
    rows: [
      [hostileText, 1],
      [hostile.link, -5],
      [`${hostile.fence}\n*bold* ${hostile.here}`, null],
    ],
    totalRows: 40,
  },
  sources: [hostile.here, "analytics"],
  queryCount: 2,
  durationMs: 1_234,
};

describe("answerBlocks", () => {
  it("escapes every text it sends: the answer, the fallback text, table cells and headers, caveats and sources", () => {
    const message = answerBlocks({ runId: "r_hostile", summary, pageUrl });
    const texts = slackTexts(message);
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) expect(slackControls(text)).toEqual([]);
    expect(message.text).toBe("There were 3 &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123ABC&gt; &lt;#C123ABC&gt; &lt;!subteam^S123ABC|@team&gt; &lt;https://evil.example|click&gt; &amp;amp; ```.");
    expect(message).toMatchObject({ parse: "none", link_names: false });
  });

  it("keeps the table one code block however many backticks its data holds", () => {
    const message = answerBlocks({ runId: "r_hostile", summary, pageUrl });
    const table = slackTexts(message).find((t) => t.startsWith("```")) ?? "";
    expect(table.split("```")).toHaveLength(3);
    expect(table).toContain("_first 3 of 40 rows; the run page has them all_");
    expect(table).toContain("&lt;https://evil.example|click&gt;");
  });

  it("keeps the View queries button's address the signed link, and shows data as written (verbatim)", () => {
    const message = answerBlocks({ runId: "r_hostile", summary, pageUrl });
    expect(JSON.stringify(message.blocks)).toContain(`"url":${JSON.stringify(pageUrl)}`);
    const mrkdwn = JSON.stringify(message.blocks).match(/"type":"mrkdwn"/g) ?? [];
    const verbatim = JSON.stringify(message.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*","verbatim":true/g) ?? [];
    expect(verbatim).toHaveLength(mrkdwn.length);
  });
});

describe("problemBlocks and progressBlocks", () => {
  it("escape the message and keep Skiff's details link a real link", () => {
    const message = problemBlocks({ runId: "r_hostile", message: `Source down: ${hostileText}`, pageUrl });
    const controls = slackTexts(message).flatMap(slackControls);
    expect(controls).toEqual(["<https://skiff.example.test/q/r_hostile?exp=1764500000000&amp;sig=abc|details>"]);
    expect(message.text).toContain("&lt;!channel&gt;");
  });

  it("an unanswered summary goes the same way", () => {
    const message = answerBlocks({ runId: "r_hostile", summary: { ...summary, status: "unanswerable" }, pageUrl });
    expect(slackTexts(message).flatMap(slackControls)).toHaveLength(1);
  });

  it("progress text from the agent is escaped too", () => {
    const message = progressBlocks(`Running 1 query on ${hostileText}…`);
    for (const text of slackTexts(message)) expect(slackControls(text)).toEqual([]);
  });
});
