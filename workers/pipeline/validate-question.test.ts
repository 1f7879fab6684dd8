import { describe, expect, it } from "vitest";
import { isSkiffError } from "../../shared/errors.js";
import { validateQuestion } from "./validate-question.js";

const reason = (raw: string) => {
  try {
    validateQuestion(raw);
  } catch (error) {
    if (isSkiffError(error, "QUESTION_INVALID")) return error.message;
    throw error;
  }
  return undefined;
};

describe("validateQuestion", () => {
  it("folds whitespace", () => {
    expect(validateQuestion("  top 10\n countries\tby requests ")).toBe("top 10 countries by requests");
  });
  it.each([
    ["", /empty/],
    ["   \n\t", /empty/],
    ["🚀🔥", /no words/],
    ["42 ?", /no words/],
    ["a".repeat(2_001), /2,001 characters long; keep it under 2,000/],
  ])("refuses %j", (raw, expected) => {
    expect(reason(raw)).toMatch(expected);
  });
  it("takes questions in any script", () => {
    expect(validateQuestion("Combien de requêtes hier ?")).toBe("Combien de requêtes hier ?");
  });
});
