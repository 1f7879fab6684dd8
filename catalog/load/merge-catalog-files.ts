import type { Dimension, Entity, EvalSet, GlossaryTerm, Metric, Segment, Source, Table } from "../model/index.js";
import type { CatalogIssue } from "./catalog-issue.js";
import type { PathSegment } from "./format-path.js";
import type { ParsedCatalogFile } from "./parsed-catalog-file.js";

/** One declaration with the place it came from, so cross-file checks can point at it. */
export interface CatalogEntry<T> {
  value: T;
  file: string;
  /** An issue at `path` below this declaration (`["time"]` → `metrics[3].time`). */
  issueAt: (path: readonly PathSegment[], message: string) => CatalogIssue;
}

/** Every file's sections, concatenated in file order and then declaration order. */
export interface MergedCatalogFiles {
  sources: CatalogEntry<Source>[];
  tables: CatalogEntry<Table>[];
  entities: CatalogEntry<Entity>[];
  metrics: CatalogEntry<Metric>[];
  dimensions: CatalogEntry<Dimension>[];
  segments: CatalogEntry<Segment>[];
  glossary: CatalogEntry<GlossaryTerm>[];
  evals: CatalogEntry<EvalSet>[];
}

export function mergeCatalogFiles(files: readonly ParsedCatalogFile[]): MergedCatalogFiles {
  const merged: MergedCatalogFiles = { sources: [], tables: [], entities: [], metrics: [], dimensions: [], segments: [], glossary: [], evals: [] };
  for (const parsed of files) {
    const { data } = parsed;
    const entries = <T>(section: string, items: readonly T[] | undefined): CatalogEntry<T>[] =>
      (items ?? []).map((value, index) => ({
        value,
        file: parsed.file,
        issueAt: (path, message) => parsed.issueAt([section, index, ...path], message),
      }));
    merged.sources.push(...entries("sources", data.sources));
    merged.tables.push(...entries("tables", data.tables));
    merged.entities.push(...entries("entities", data.entities));
    merged.metrics.push(...entries("metrics", data.metrics));
    merged.dimensions.push(...entries("dimensions", data.dimensions));
    merged.segments.push(...entries("segments", data.segments));
    merged.glossary.push(...entries("glossary", data.glossary));
    if (data.evals !== undefined) {
      merged.evals.push({ value: data.evals, file: parsed.file, issueAt: (path, message) => parsed.issueAt(["evals", ...path], message) });
    }
  }
  return merged;
}
