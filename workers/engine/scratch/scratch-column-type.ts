import type { Cell } from "../../../shared/query-result.js";

export type ScratchColumnType = "BIGINT" | "HUGEINT" | "DOUBLE" | "BOOLEAN" | "DATE" | "TIMESTAMP" | "VARCHAR";

const integerCell = /^-?\d+$/;
const dateCell = /^\d{4}-\d{2}-\d{2}$/;
const timestampCell = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/;
const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** Source type names differ (BIGINT, int8, INT64, Nullable(UInt64)); this is the family they belong to. */
function family(typeName: string): ScratchColumnType {
  const bare = typeName
    .trim()
    .replace(/^(nullable|lowcardinality)\((.*)\)$/i, "$2")
    .replace(/^(nullable|lowcardinality)\((.*)\)$/i, "$2")
    .toUpperCase();
  if (/^(HUGEINT|UHUGEINT|UBIGINT|U?INT128|U?INT256|UINT64)$/.test(bare)) return "HUGEINT";
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|UTINYINT|USMALLINT|UINTEGER|INT[248]|U?INT(8|16|32|64)|SERIAL|BIGSERIAL)$/.test(bare)) return "BIGINT";
  if (/^(FLOAT|DOUBLE|REAL|FLOAT[48]|FLOAT(32|64)|DOUBLE PRECISION|DECIMAL.*|NUMERIC.*|BIGNUMERIC.*)$/.test(bare)) return "DOUBLE";
  if (/^(BOOLEAN|BOOL)$/.test(bare)) return "BOOLEAN";
  if (/^(DATE|DATE32)$/.test(bare)) return "DATE";
  if (/^(TIMESTAMP.*|DATETIME.*)$/.test(bare)) return "TIMESTAMP";
  return "VARCHAR";
}

function fits(type: ScratchColumnType, cell: Cell): boolean {
  if (cell === null) return true;
  switch (type) {
    case "BIGINT":
    case "HUGEINT": {
      const text = typeof cell === "number" ? (Number.isInteger(cell) ? String(cell) : "") : typeof cell === "string" ? cell : "";
      if (!integerCell.test(text)) return false;
      return type === "HUGEINT" || (BigInt(text) >= int64.min && BigInt(text) <= int64.max);
    }
    case "DOUBLE":
      return typeof cell === "number";
    case "BOOLEAN":
      return typeof cell === "boolean";
    case "DATE":
      return typeof cell === "string" && dateCell.test(cell);
    case "TIMESTAMP":
      return typeof cell === "string" && timestampCell.test(cell);
    case "VARCHAR":
      return true;
  }
}

/**
 * The scratch column type for a result column: its source type's family when
 * every cell fits it, else VARCHAR, so that a masked value or a source's odd
 * type still loads instead of failing the combine.
 */
export function scratchColumnType(typeName: string, cells: Iterable<Cell>): ScratchColumnType {
  const type = family(typeName);
  if (type === "VARCHAR") return type;
  for (const cell of cells) if (!fits(type, cell)) return "VARCHAR";
  return type;
}
