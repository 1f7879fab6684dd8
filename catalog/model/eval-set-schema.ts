import { z } from "zod";

export const evalQuestionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case ids: letters, digits, - and _"),
  question: z.string().min(1),
  /** Expected answer as DuckDB SQL over the demo lake file (schemas accounts, analytics, billing). */
  sql: z.string().min(1),
  /** Compare rows in order (the question asks for a ranking). */
  ordered: z.boolean().default(false),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Questions with their expected SQL, scored against a lake seeded at `asOf`. */
export const evalSetSchema = z.object({
  asOf: z.iso.datetime({ offset: true }),
  questions: z.array(evalQuestionSchema).min(1),
});
export type EvalSet = z.infer<typeof evalSetSchema>;
