import { describe, expect, it } from "vitest";
import { slackControls } from "../../test/fixtures/slack-controls.js";
import { formatTable } from "./format-table.js";

const shown = (block: string) => block.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

describe("formatTable", () => {
  it("aligns columns on the values as Slack shows them, escaping after padding", () => {
    const block = formatTable(["name", "n"], [["<a>", 1], ["b&b", 10]]);
    expect(slackControls(block)).toEqual([]);
    expect(shown(block)).toBe("```name   n\n────  ──\n<a>    1\nb&b   10```");
  });

  it("cuts a long table at a row, inside Slack's section limit after escaping, with the block closed", () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`<!here> & ${"<".repeat(30)}`, i]);
    const block = formatTable(["who", "n"], rows);
    expect(block.length).toBeLessThanOrEqual(2_800);
    expect(block.endsWith("\n… (cut; the run page has every row)```")).toBe(true);
    expect(block.split("```")).toHaveLength(3);
    expect(slackControls(block)).toEqual([]);
  });
});
