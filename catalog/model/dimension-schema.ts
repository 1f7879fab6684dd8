import { z } from "zod";
import { identifierSchema, synonymsSchema, tableIdSchema } from "./primitives.js";

/** A computed grouping over one table. Plain columns are dimensions without being declared. */
export const dimensionSchema = z.object({
  name: identifierSchema,
  synonyms: synonymsSchema,
  description: z.string().default(""),
  table: tableIdSchema,
  /** Portable SQL expression over the table's columns. */
  expression: z.string().min(1),
});
export type Dimension = z.infer<typeof dimensionSchema>;
