import { isAbsolute, relative, resolve } from "node:path";

/**
 * How messages name the catalog folder: relative to the working directory
 * when it lies inside it (`catalog/demo/tables/zones.yaml:14:9` is what a
 * terminal or editor turns into a link), else absolute.
 */
export function displayDir(dir: string): string {
  const absolute = resolve(dir);
  const fromCwd = relative(process.cwd(), absolute);
  if (fromCwd === "") return ".";
  return fromCwd.startsWith("..") || isAbsolute(fromCwd) ? absolute : fromCwd;
}
