import { z } from "zod";
import { synonymsSchema } from "./primitives.js";

export const glossaryTermSchema = z.object({
  term: z.string().min(1),
  synonyms: synonymsSchema,
  definition: z.string().min(1),
  /** Catalog names (tables, metrics, entities) the term points at. */
  refs: z.array(z.string()).default([]),
});
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
