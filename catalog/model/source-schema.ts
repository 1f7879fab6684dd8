import { z } from "zod";
import { identifierSchema } from "./primitives.js";

export const sourceKinds = ["duckdb", "postgres", "clickhouse", "bigquery", "trino"] as const;
export const sourceKindSchema = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof sourceKindSchema>;

const secretKey = /(pass|secret|token|key|credential)/i;
const wholeEnvReference = /^\$\{[A-Z_][A-Z0-9_]*(:-[^}]*)?\}$/;

export const sourceSchema = z
  .object({
    name: identifierSchema,
    kind: sourceKindSchema,
    description: z.string().default(""),
    /**
     * Connection settings. Values may hold `${VAR}` or `${VAR:-default}`
     * references, resolved from the environment by the source adapter.
     */
    connection: z.record(z.string(), z.string()).default({}),
    limits: z
      .object({
        timeoutMs: z.number().int().positive().optional(),
        maxRows: z.number().int().positive().optional(),
        maxBytes: z.number().int().positive().optional(),
      })
      .default({}),
  })
  .superRefine((source, ctx) => {
    for (const [key, value] of Object.entries(source.connection)) {
      if (secretKey.test(key) && !wholeEnvReference.test(value)) {
        ctx.addIssue({
          code: "custom",
          path: ["connection", key],
          message: `secrets never live in catalog files: set ${key} to an environment reference such as \${${source.name.toUpperCase()}_${key.toUpperCase()}}`,
        });
      }
    }
  });
export type Source = z.infer<typeof sourceSchema>;
