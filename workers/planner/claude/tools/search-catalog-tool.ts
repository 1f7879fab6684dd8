import type { SearchCatalogInput } from "../tool-input-schemas.js";
import type { ToolContext, ToolOutcome } from "../tool-context.js";

const hits = 12;

/** `search_catalog`: ranked names with one line each; the model describes what it will use. */
export function searchCatalogTool(input: SearchCatalogInput, ctx: ToolContext): ToolOutcome {
  const found = ctx.search.search(input.query, { limit: hits });
  if (found.length === 0) {
    return { content: `nothing in the catalog matches "${input.query}". Try other words (synonyms, the business term, a column name).` };
  }
  return { content: found.map((hit) => `${hit.kind} ${hit.name}: ${hit.description}`).join("\n") };
}
