import { z } from "zod";
import { identifierSchema, synonymsSchema, tableIdSchema } from "./primitives.js";

/** A thing the business counts and joins on: a zone, an account. */
export const entitySchema = z.object({
  name: identifierSchema,
  synonyms: synonymsSchema,
  description: z.string().default(""),
  /** The entity's home table (one row per entity). */
  table: tableIdSchema,
  /** The id column in the home table. */
  key: identifierSchema,
  /** A human-readable column to show beside the id (zones.domain, accounts.name). */
  label: identifierSchema.optional(),
});
export type Entity = z.infer<typeof entitySchema>;
