import { SkiffError } from "../../shared/errors.js";

/** `items[index]`, failing loudly: a miss here is a generator bug, never a data condition. */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new SkiffError("INTERNAL", `demo lake generator read index ${index} of a list of ${items.length}`);
  return item;
}
