import { z } from "zod";
import { columnSchema } from "./column-schema.js";
import { durationSchema, identifierSchema, reviewSchema } from "./primitives.js";

export const tableSchema = z.object({
  name: identifierSchema,
  source: identifierSchema,
  /** How the source itself names the table (schema-qualified where the source has schemas). Defaults to `name`. */
  physical: z.string().min(1).optional(),
  description: z.string().min(1),
  owner: z.string().min(1),
  /** What one row is: "one row per zone", "one row per sampled HTTP request". */
  grain: z.string().min(1),
  /** The entity one row is, when the table is that entity's home (accounts.zones is `zone`). */
  entity: identifierSchema.optional(),
  /** Join keys: entity name → the column holding its id here. */
  keys: z.record(identifierSchema, identifierSchema).default({}),
  columns: z.array(columnSchema).min(1),
  freshness: z
    .object({
      column: identifierSchema,
      /** How far behind the clock the newest row may be and still count as fresh. */
      maxLag: durationSchema,
    })
    .optional(),
  sampling: z
    .object({
      /** Column holding how many real events each row stands for. */
      weight: identifierSchema,
      description: z.string().default(""),
    })
    .optional(),
  retention: z
    .object({
      days: z.number().int().positive(),
      column: identifierSchema,
    })
    .optional(),
  /** The SQL that produces this table when it is derived: the best grounding there is. */
  sql: z.string().optional(),
  /** Markdown notes for people and the agent: quirks, history, how to use it. */
  notes: z.string().optional(),
  review: reviewSchema.optional(),
});
export type Table = z.infer<typeof tableSchema>;
