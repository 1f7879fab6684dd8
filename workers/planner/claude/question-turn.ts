/** The question as the model reads it: with the clock it answers against, which changes every run and so stays out of the cached system prompt. */
export function questionTurn(question: string, asOf: Date, asker: string | undefined): string {
  const day = asOf.toISOString().slice(0, 10);
  return `${asker ? `${asker} asks` : "Question"} (now is ${asOf.toISOString()}, UTC; today is ${day}):\n${question}`;
}
