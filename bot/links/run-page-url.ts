import { signRunLink } from "./run-link.js";

/** The signed address of a run's page (`format: "csv"` for its result as CSV). */
export function runPageUrl(options: { publicUrl: string; secret: string; runId: string; expiresAt: number; format?: "csv" }): string {
  const suffix = options.format === "csv" ? ".csv" : "";
  return `${options.publicUrl}/q/${encodeURIComponent(options.runId)}${suffix}?${signRunLink(options)}`;
}
