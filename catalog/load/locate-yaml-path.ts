import type { Document, LineCounter } from "yaml";
import { isAlias, isMap, isNode, isScalar, isSeq } from "yaml";
import type { PathSegment } from "./format-path.js";

export interface YamlPosition {
  line: number;
  col: number;
}

/**
 * Where `path` sits in the file. A mapping entry points at its key (that is
 * where the reader's eye goes); a path that runs past what the file holds (a
 * missing required key) points at the deepest part that exists.
 */
export function locateYamlPath(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]): YamlPosition | undefined {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      offset = startOf(pair.key) ?? startOf(pair.value) ?? offset;
      node = pair.value;
      continue;
    }
    if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
      continue;
    }
    break;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset);
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}
