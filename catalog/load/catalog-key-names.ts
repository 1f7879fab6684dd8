import { catalogJsonSchema } from "../write-json-schema.js";

let cached: ReadonlySet<string> | undefined;

/** Every key a catalog file may use anywhere, to suggest the one a misspelt key meant. */
export function catalogKeyNames(): ReadonlySet<string> {
  cached ??= collectKeys(catalogJsonSchema(), new Set());
  return cached;
}

function collectKeys(node: unknown, keys: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectKeys(item, keys);
  } else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === "properties" && typeof value === "object" && value !== null) {
        for (const name of Object.keys(value)) keys.add(name);
      }
      collectKeys(value, keys);
    }
  }
  return keys;
}
