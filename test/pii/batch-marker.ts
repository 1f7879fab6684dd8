/** The line {@link skiff-cli-batch} writes around each run, on stdout and stderr. */
export function batchMarker(id: string, edge: "start" | "end", code?: number): string {
  return `@@skiff-batch ${edge} ${id}${code === undefined ? "" : ` exit ${code}`}@@`;
}
