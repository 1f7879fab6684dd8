import type { CatalogFile } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { PathSegment } from "./format-path.js";

/** A catalog file that parsed and matched the schema, still able to point into its YAML. */
export interface ParsedCatalogFile {
  /** As messages name it (see {@link CatalogIssue.file}). */
  file: string;
  data: CatalogFile;
  /** An issue located at `path` inside this file. */
  issueAt: (path: readonly PathSegment[], message: string) => CatalogIssue;
}
