import { z } from "zod";
import { dimensionSchema } from "./dimension-schema.js";
import { entitySchema } from "./entity-schema.js";
import { evalSetSchema } from "./eval-set-schema.js";
import { glossaryTermSchema } from "./glossary-term-schema.js";
import { metricSchema } from "./metric-schema.js";
import { segmentSchema } from "./segment-schema.js";
import { sourceSchema } from "./source-schema.js";
import { tableSchema } from "./table-schema.js";

/** One YAML file of a catalog folder. Any file may hold any section; the loader merges them. */
export const catalogFileSchema = z
  .object({
    sources: z.array(sourceSchema).optional(),
    tables: z.array(tableSchema).optional(),
    entities: z.array(entitySchema).optional(),
    metrics: z.array(metricSchema).optional(),
    dimensions: z.array(dimensionSchema).optional(),
    segments: z.array(segmentSchema).optional(),
    glossary: z.array(glossaryTermSchema).optional(),
    evals: evalSetSchema.optional(),
  })
  .strict();
export type CatalogFile = z.infer<typeof catalogFileSchema>;
