import { z } from "zod";

/** `skiff sql --json`: the run, or (when the command itself failed) one error object. */
export const sqlJsonOutputSchema = z.union([
  z.object({
    run_id: z.string(),
    status: z.enum(["answered", "unanswerable", "failed"]),
    answer: z.string(),
    result: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) }),
    caveats: z.array(z.object({ kind: z.string(), message: z.string() })),
    queries: z.array(z.object({ sql: z.string(), error: z.string().optional() })),
  }),
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type SqlJsonOutput = z.infer<typeof sqlJsonOutputSchema>;

/** How a statement ended: refused by Skiff (SQL_REJECTED), failed at the source, or ran. */
export type StatementOutcome = "refused" | "failed" | "ran";

export function outcomeOf(output: SqlJsonOutput): StatementOutcome {
  if ("error" in output) return output.error.code === "SQL_REJECTED" ? "refused" : "failed";
  if (output.status === "answered") return "ran";
  return output.status === "unanswerable" ? "refused" : "failed";
}

/** The rule a refusal names (`rejected (<rule>): …`), or undefined. */
export function refusalRule(message: string): string | undefined {
  return /^rejected \(([a-z-]+)\)/.exec(message)?.[1];
}
