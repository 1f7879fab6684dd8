import { LineCounter, parseDocument } from "yaml";
import { catalogFileSchema } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import { describeZodIssues } from "./describe-zod-issues.js";
import { findUnknownKeys } from "./find-unknown-keys.js";
import { formatPath } from "./format-path.js";
import type { PathSegment } from "./format-path.js";
import { locateYamlPath } from "./locate-yaml-path.js";
import type { ParsedCatalogFile } from "./parsed-catalog-file.js";
import { unknownKeyMessage } from "./unknown-key-message.js";

export type ParseCatalogFileResult = { ok: true; file: ParsedCatalogFile } | { ok: false; issues: CatalogIssue[] };

/** One YAML file → its validated sections, or every problem in it, each with a line and column. `file` is how messages name it. */
export function parseCatalogFile(file: string, text: string): ParseCatalogFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, issues: doc.errors.map((error) => syntaxIssue(file, error.message, error.linePos?.[0])) };
  }

  const issueAt = (path: readonly PathSegment[], message: string): CatalogIssue => {
    const position = locateYamlPath(doc, lineCounter, path);
    return { file, ...position, path: formatPath(path), message };
  };

  let raw: unknown;
  try {
    // A file holding only comments is an empty file, not an error.
    raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return { ok: false, issues: [issueAt([], `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`)] };
  }

  const parsed = catalogFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: describeZodIssues(parsed.error.issues).map(({ path, message }) => issueAt(path, message)) };
  }
  const unknown = findUnknownKeys(raw, parsed.data);
  if (unknown.length > 0) {
    return { ok: false, issues: unknown.map((path) => issueAt(path, unknownKeyMessage(String(path.at(-1))))) };
  }
  return { ok: true, file: { file, data: parsed.data, issueAt } satisfies ParsedCatalogFile };
}

function syntaxIssue(file: string, message: string, position: { line: number; col: number } | undefined): CatalogIssue {
  // yaml's pretty message is "<what> at line L, column C:\n\n<excerpt>"; the location is already ours.
  const what = (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
  return { file, ...position, path: "", message: `YAML syntax error: ${what}` };
}
