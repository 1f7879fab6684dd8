import { DuckDBTypeId } from "@duckdb/node-api";

const castToText = new Set([DuckDBTypeId.BLOB, DuckDBTypeId.BIT]);

/**
 * The statement wrapped so DuckDB itself cuts text (and blobs and bits) to the
 * cell cap before the value reaches its result buffers. DuckDB hands results
 * over a chunk (up to 2,048 rows) at a time and copies each chunk outside
 * `memory_limit`: `SELECT repeat('x', 5000000) FROM t` over 1,000 rows is 5 GB
 * in one chunk, however little the reader keeps. Values are cut to
 * `maxCellBytes + 1` characters, so whatever passes the byte cap still arrives
 * longer than it and is cut, with the marker, by the reader. Nested values
 * (lists, structs) are left alone: every way of measuring them in SQL costs
 * more than it saves. Undefined when no column is text.
 *
 * @param statement one statement, without a trailing semicolon
 * @returns the wrapped statement; its columns are the original ones, in order
 */
export function capDuckDbCellsSql(statement: string, typeIds: readonly DuckDBTypeId[], maxCellBytes: number): string | undefined {
  if (!typeIds.some((id) => id === DuckDBTypeId.VARCHAR || castToText.has(id))) return undefined;
  const chars = maxCellBytes + 1;
  const names = typeIds.map((_, index) => `c${index}`);
  const select = typeIds.map((id, index) => {
    const name = names[index] as string;
    if (id === DuckDBTypeId.VARCHAR) return `left(${name}, ${chars})`;
    // DuckDB prints blobs and bits as the client does (\xAA..., 0101).
    if (castToText.has(id)) return `left(CAST(${name} AS VARCHAR), ${chars})`;
    return name;
  });
  // The newline ends a trailing -- comment before the closing parenthesis.
  return `SELECT ${select.join(", ")} FROM (\n${statement}\n) AS skiff_cells(${names.join(", ")})`;
}
