import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../shared/package-root.js";
import { catalogJsonSchema, catalogJsonSchemaText } from "./write-json-schema.js";

describe("catalog/schema.json", () => {
  it("matches the catalog model", async () => {
    const committed = await readFile(join(packageRoot(), "catalog", "schema.json"), "utf8");
    if (committed !== catalogJsonSchemaText()) {
      expect.fail("catalog/schema.json is out of date with catalog/model: run `npm run catalog:schema` and commit the result");
    }
  });

  it("keeps defaulted keys optional and closes every object", () => {
    const schema = catalogJsonSchema() as { properties: { tables: { items: { required: string[]; additionalProperties: unknown } } } };
    const table = schema.properties.tables.items;
    expect(table.required).not.toContain("keys");
    expect(table.required).toContain("columns");
    expect(table.additionalProperties).toBe(false);
  });
});
