import { SkiffError } from "../../shared/errors.js";
import type { CatalogIssue } from "./catalog-issue.js";
import { formatCatalogIssue } from "./format-catalog-issue.js";

/** How many issues the message lists; `detail.issues` keeps them all. */
const listed = 20;

/** One error for every issue found, in file and line order, so one fix-and-reload cycle covers them all. */
export function catalogInvalidError(dir: string, dirLabel: string, issues: readonly CatalogIssue[]): SkiffError {
  const sorted = [...issues].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
  const lines = sorted.slice(0, listed).map((issue) => `  ${formatCatalogIssue(issue)}`);
  if (sorted.length > listed) lines.push(`  ... and ${sorted.length - listed} more`);
  const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
  return new SkiffError("CATALOG_INVALID", `catalog ${dirLabel} is invalid (${count}):\n${lines.join("\n")}`, {
    detail: { dir, issues: sorted },
  });
}
