import type { z } from "zod";
import { SkiffError } from "./errors.js";

/**
 * Parses environment variables with a schema, failing fast with every bad
 * variable named and what to do about it.
 */
export function parseEnvironment<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  options: { what: string; seeAlso?: string },
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  const see = options.seeAlso ? `see .env.example and ${options.seeAlso}` : "see .env.example";
  throw new SkiffError("CONFIG_INVALID", `${options.what} ${options.what.endsWith("s") ? "are" : "is"} invalid:\n${lines.join("\n")}\nSet or fix these variables (${see}).`);
}
