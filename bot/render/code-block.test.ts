import { describe, expect, it } from "vitest";
import { slackControls } from "../../test/fixtures/slack-controls.js";
import { codeBlock } from "./code-block.js";
import { codeSpan } from "./code-span.js";
import { escapeMrkdwn } from "./escape-mrkdwn.js";
import { slackLink } from "./slack-link.js";
import { userMention } from "./user-mention.js";

const fences = (text: string) => text.split("```").length - 1;

describe("escapeMrkdwn", () => {
  it("turns Slack's three control characters into entities, & first so nothing is escaped twice", () => {
    expect(escapeMrkdwn("<!channel> & <@U1> &amp; <https://evil.example|click>")).toBe("&lt;!channel&gt; &amp; &lt;@U1&gt; &amp;amp; &lt;https://evil.example|click&gt;");
    expect(escapeMrkdwn(-5)).toBe("-5");
  });
});

describe("codeBlock", () => {
  it("keeps SQL with ``` inside one block, escaped, with its single backticks as they are", () => {
    const block = codeBlock("SELECT '```' AS x, `t`.a FROM `p.d.t` WHERE s = '<!here>'");
    expect(fences(block)).toBe(2);
    expect(block.startsWith("```") && block.endsWith("```")).toBe(true);
    expect(slackControls(block)).toEqual([]);
    expect(block).toContain("`t`.a FROM `p.d.t`");
    expect(block.replaceAll("\u200b", "")).toBe("```SELECT '```' AS x, `t`.a FROM `p.d.t` WHERE s = '&lt;!here&gt;'```");
  });

  it("keeps a backtick at either end from lengthening a fence", () => {
    const block = codeBlock("`a`");
    expect(block).not.toMatch(/````/);
    expect(fences(block)).toBe(2);
  });

  it("cuts long text before escaping it, inside the limit, at a line break, with the block closed", () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i} & <!channel>`).join("\n");
    const block = codeBlock(text, { maxChars: 1_000, cutNote: "… cut" });
    expect(block.length).toBeLessThanOrEqual(1_000);
    expect(block.endsWith("\n… cut```")).toBe(true);
    expect(fences(block)).toBe(2);
    expect(slackControls(block)).toEqual([]);
    expect(block).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });
});

describe("the other mrkdwn helpers", () => {
  it("codeSpan cannot be closed early", () => {
    expect(codeSpan("a`<!here>")).toBe("`a'&lt;!here&gt;`");
  });

  it("slackLink keeps Skiff's own link a link, its & escaped and its label unable to start early", () => {
    expect(slackLink("https://skiff.example.test/q/r_1?exp=1&sig=a|b", "<details>")).toBe("<https://skiff.example.test/q/r_1?exp=1&amp;sig=a%7Cb|&lt;details&gt;>");
  });

  it("userMention mentions a Slack user id and shows anything else as text", () => {
    expect(userMention("UASKER3")).toBe("<@UASKER3>");
    expect(userMention("U1><!channel")).toBe("U1&gt;&lt;!channel");
  });
});
