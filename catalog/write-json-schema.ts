import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { catalogFileSchema } from "./model/index.js";

/**
 * The JSON Schema of one catalog YAML file, for editors
 * (`# yaml-language-server: $schema=../schema.json`). Generated from the zod
 * model with `io: "input"`, so keys that have defaults stay optional.
 *
 * Every object is closed (`additionalProperties: false`): the loader rejects
 * unknown keys everywhere, because a silently ignored `pi:` (meant `pii:`)
 * would leave a column unmasked. The editor should say so while typing.
 */
export function catalogJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(catalogFileSchema, {
    io: "input",
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === "object" && jsonSchema.additionalProperties === undefined) {
        jsonSchema.additionalProperties = false;
      }
    },
  });
}

/** The exact text committed as `catalog/schema.json`. */
export function catalogJsonSchemaText(): string {
  return `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
}

/** Writes the schema file; `npm run catalog:schema` calls this. */
export async function writeCatalogJsonSchema(file: string): Promise<void> {
  await writeFile(file, catalogJsonSchemaText(), "utf8");
}
