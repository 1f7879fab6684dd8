import { SkiffError } from "../../shared/errors.js";
import type { SeededRandom } from "./seeded-random.js";

/**
 * Turns `[value, weight]` pairs into a function that draws a value with
 * probability proportional to its weight (binary search over cumulative
 * weights, so long lists stay cheap inside the request loop).
 */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (random: SeededRandom) => T {
  const values = entries.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    total += weight;
    cumulative.push(total);
  }
  if (values.length === 0 || !(total > 0)) {
    throw new SkiffError("INTERNAL", "weightedPicker needs at least one entry with a positive weight");
  }
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? total) > target) high = mid;
      else low = mid + 1;
    }
    return values[low] as T;
  };
}
