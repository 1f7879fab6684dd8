/** One step into a parsed YAML file: a mapping key or a list index. */
export type PathSegment = string | number;

const plainKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `["tables", 2, "columns", 0, "pii"]` → `tables[2].columns[0].pii`, the way people read YAML paths. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (plainKey.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
