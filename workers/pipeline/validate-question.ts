import { SkiffError } from "../../shared/errors.js";

/** Longest question Skiff reads; a longer text is almost always a paste, not a question. */
export const maxQuestionLength = 2_000;

/** Trims a question and refuses what no planner should see: nothing, too much, or no words at all. */
export function validateQuestion(raw: string): string {
  const question = raw.replace(/\s+/g, " ").trim();
  if (question.length === 0) {
    throw new SkiffError("QUESTION_INVALID", 'The question is empty: ask in words, e.g. "top 10 countries by requests in the last 7 days".');
  }
  if (question.length > maxQuestionLength) {
    throw new SkiffError(
      "QUESTION_INVALID",
      `The question is ${question.length.toLocaleString("en-US")} characters long; keep it under ${maxQuestionLength.toLocaleString("en-US")} and ask one thing at a time.`,
    );
  }
  if (!/\p{L}{2,}/u.test(question)) {
    throw new SkiffError("QUESTION_INVALID", 'The question has no words Skiff can read: ask in words, e.g. "new enterprise accounts this month".');
  }
  return question;
}
