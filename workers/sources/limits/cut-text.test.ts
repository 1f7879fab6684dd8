import { describe, expect, it } from "vitest";
import { createResultBudget } from "./create-result-budget.js";
import { cutMarker, cutText } from "./cut-text.js";
import { describeBytes } from "./describe-bytes.js";

describe("cutText", () => {
  it("keeps text that fits, to the byte", () => {
    expect(cutText("a".repeat(100), 100)).toEqual({ text: "a".repeat(100), cut: false });
    expect(cutText("é".repeat(50), 100)).toEqual({ text: "é".repeat(50), cut: false });
  });

  it("cuts on a character boundary, marker included in the cap", () => {
    for (const unit of ["é", "€", "😀", "a"]) {
      const { text, cut } = cutText(unit.repeat(2000), 1024);
      expect(cut).toBe(true);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024);
      expect(text.endsWith(cutMarker(1024))).toBe(true);
      const head = text.slice(0, -cutMarker(1024).length);
      expect(head).toBe(unit.repeat([...head].length));
    }
  });

  it("names the cap in binary units", () => {
    expect(cutMarker(64 * 1024)).toBe("…[cut at 64 KiB]");
    expect(describeBytes(16 * 1024 * 1024)).toBe("16 MiB");
    expect(describeBytes(1536)).toBe("1.5 KiB");
    expect(describeBytes(900)).toBe("900 bytes");
  });
});

describe("createResultBudget", () => {
  it("admits rows until the result cap and says it cut", () => {
    const budget = createResultBudget({ maxCellBytes: 10, maxResultBytes: 30 });
    expect(budget.cell("short")).toBe("short");
    expect(budget.truncated).toBe(false);
    expect(budget.admit(["0123456789"])).toBe(true);
    expect(budget.admit(["0123456789"])).toBe(true);
    expect(budget.admit(["0123456789"])).toBe(false);
    expect(budget.truncated).toBe(true);
  });

  it("marks a result with a cut cell truncated, and leaves numbers alone", () => {
    const budget = createResultBudget({ maxCellBytes: 10, maxResultBytes: 1000 });
    expect(budget.cell(12345678901234)).toBe(12345678901234);
    expect(String(budget.cell("x".repeat(50)))).toMatch(/…\[cut at 10 bytes\]$/);
    expect(budget.truncated).toBe(true);
  });
});
