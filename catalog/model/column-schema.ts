import { z } from "zod";
import { identifierSchema, reviewSchema, synonymsSchema } from "./primitives.js";

export const piiClasses = ["email", "ip_address", "person_name", "phone", "address", "free_text", "identifier"] as const;
export const piiClassSchema = z.enum(piiClasses);
export type PiiClass = z.infer<typeof piiClassSchema>;

export const columnSchema = z.object({
  name: identifierSchema,
  /** The engine's type name: BIGINT, VARCHAR, TIMESTAMP, DATE, DECIMAL(12,2), ... */
  type: z.string().min(1),
  description: z.string().default(""),
  /** Values of this class never reach an answer or a model unmasked. */
  pii: piiClassSchema.optional(),
  /** Known values of a low-cardinality column; the planner reads them as filters ("enterprise" → plan = 'enterprise'). */
  values: z.array(z.string()).optional(),
  /** Other words people use for this column when grouping by it ("status code" for status). */
  synonyms: synonymsSchema,
  review: reviewSchema.optional(),
});
export type Column = z.infer<typeof columnSchema>;
