/** One problem found in a catalog folder, located as precisely as the YAML allows. */
export interface CatalogIssue {
  /**
   * The file as messages name it: the catalog folder (relative to the working
   * directory when inside it) joined with the file's path inside the folder.
   */
  file: string;
  /** 1-based line and column, when the problem points at a place in the file. */
  line?: number;
  col?: number;
  /** Where inside the file, e.g. `tables[2].columns[0].pii`; empty when it is about the whole file. */
  path: string;
  /** What is wrong and what was expected. */
  message: string;
}
