import { z } from "zod";

/** Lower-case snake_case names: what SQL and the planner can refer to without quoting. */
export const identifierSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "use lower_snake_case: a letter, then letters, digits or _");

/** A catalog table id: `source.table`. */
export const tableIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, "name a table as source.table, e.g. analytics.http_requests");

const durationUnits = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90s`, `15m`, `36h`, `2d` → milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, "write a duration as a number and a unit: 90s, 15m, 36h, 2d")
  .transform((text) => {
    const unit = text.slice(-1) as keyof typeof durationUnits;
    return Number(text.slice(0, -1)) * durationUnits[unit];
  });

export const reviewSchema = z
  .enum(["pending", "reviewed"])
  .describe("`pending` entries came from `catalog sync` and are not queryable until a person reviews them");

export const synonymsSchema = z.array(z.string().min(1)).default([]);
