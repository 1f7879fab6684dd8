import type { PathSegment } from "./format-path.js";

/**
 * Keys the author wrote that the schema dropped. Zod strips unknown keys of
 * nested objects without a word; in a catalog that turns a typo such as `pi:`
 * (meant `pii:`) into an unmasked column, so the loader reports them instead.
 * Compares the raw YAML value with the parsed one: records keep every key,
 * defaults only add keys, so whatever raw has and parsed lacks was dropped.
 */
export function findUnknownKeys(raw: unknown, parsed: unknown, path: PathSegment[] = []): PathSegment[][] {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, index) => findUnknownKeys(item, parsed[index], [...path, index]));
  }
  if (!isPlainObject(raw) || !isPlainObject(parsed)) return [];
  return Object.entries(raw).flatMap(([key, value]) =>
    Object.hasOwn(parsed, key) ? findUnknownKeys(value, parsed[key], [...path, key]) : [[...path, key]],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
