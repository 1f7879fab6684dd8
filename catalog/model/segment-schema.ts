import { z } from "zod";
import { identifierSchema, synonymsSchema, tableIdSchema } from "./primitives.js";

/** A named filter ("cache hits", "server errors"). */
export const segmentSchema = z.object({
  name: identifierSchema,
  synonyms: synonymsSchema,
  description: z.string().default(""),
  table: tableIdSchema,
  /** Portable SQL predicate over the table's columns. */
  where: z.string().min(1),
});
export type Segment = z.infer<typeof segmentSchema>;
