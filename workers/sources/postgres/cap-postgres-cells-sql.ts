/**
 * Types whose text is short whatever the value (booleans, numbers, dates and
 * times, uuids, network addresses). NUMERIC stays out of the cut too: it can
 * run to thousands of digits, but a cut number is worse than a long one.
 */
const shortTypes = new Set([16, 18, 20, 21, 23, 26, 700, 701, 790, 1082, 1083, 1114, 1184, 1186, 1266, 1700, 2950, 869, 650, 829, 774]);

/**
 * The statement wrapped so Postgres itself cuts every value whose text can be
 * long (text, json, bytea, arrays, records, ...) to `maxCellBytes + 1`
 * characters before sending it: a 5 MB cell costs the server and the wire
 * 5 MB however little the reader keeps, at about 100 MB/s. Whatever passes
 * the byte cap still arrives longer than it and is cut, with the marker, by
 * the reader. The cut values arrive as text, which is also how Postgres sends
 * them uncut, so cells read the same either way. Undefined when every column
 * is short.
 *
 * @param statement one statement, without a trailing semicolon
 * @param typeOids the statement's column types, in order
 */
export function capPostgresCellsSql(statement: string, typeOids: readonly number[], maxCellBytes: number): string | undefined {
  if (typeOids.every((oid) => shortTypes.has(oid))) return undefined;
  const names = typeOids.map((_, index) => `c${index}`);
  const select = typeOids.map((oid, index) => (shortTypes.has(oid) ? names[index] : `left(${names[index]}::text, ${maxCellBytes + 1})`));
  // Positional names: a statement's own may repeat ("?column?") or need quoting.
  return `SELECT ${select.join(", ")} FROM (\n${statement}\n) AS skiff_cells(${names.join(", ")})`;
}
