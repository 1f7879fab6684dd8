import type { Caveat, CaveatKind } from "../../shared/caveat.js";

/** What a reader must see first: data that is missing or wrong-ish, then estimates, then readings of the question. */
const rank: Record<CaveatKind, number> = {
  partial: 0,
  stale: 1,
  retention: 2,
  truncated: 3,
  empty_join: 4,
  sampled: 5,
  approximate: 6,
  pii_masked: 7,
  assumption: 8,
};

export function orderCaveats(caveats: readonly Caveat[]): Caveat[] {
  return caveats.map((c, i) => ({ c, i })).sort((a, b) => rank[a.c.kind] - rank[b.c.kind] || a.i - b.i).map(({ c }) => c);
}
