import type { Caveat } from "../../../shared/caveat.js";

/** The `truncated` caveat when the row cap cut a result. */
export function truncatedCaveat(rows: number): Caveat {
  return { kind: "truncated", message: `showing the first ${rows.toLocaleString("en-US")} rows; the full result has more` };
}
