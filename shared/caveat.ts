import { z } from "zod";

/** Caveat kinds, computed from what actually ran (see ARCHITECTURE "Caveats"). */
export const caveatKinds = [
  "sampled",
  "stale",
  "retention",
  "truncated",
  "partial",
  "pii_masked",
  "approximate",
  "empty_join",
  "assumption",
] as const;

export const caveatKindSchema = z.enum(caveatKinds);
export type CaveatKind = z.infer<typeof caveatKindSchema>;

export const caveatSchema = z.object({
  kind: caveatKindSchema,
  message: z.string().min(1),
  /** Catalog table id (`source.table`) the caveat is about, when there is one. */
  table: z.string().optional(),
});
export type Caveat = z.infer<typeof caveatSchema>;

/** Drops caveats that say the same thing twice (same kind and message), keeping first-seen order. */
export function dedupeCaveats(caveats: readonly Caveat[]): Caveat[] {
  const seen = new Set<string>();
  return caveats.filter((c) => {
    const key = `${c.kind}\u0000${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
