import { sourceLimitDefaults } from "../../../shared/config.js";
import type { Cell } from "../../../shared/query-result.js";
import type { QueryOptions } from "../source-adapter.js";
import { cutText } from "./cut-text.js";

/**
 * The byte caps of one result, applied while it is read: each cell is cut to
 * the cell cap as it arrives, and rows stop being admitted once the result
 * would pass the result cap, so an adapter can stop reading there.
 */
export interface ResultBudget {
  readonly maxCellBytes: number;
  readonly maxResultBytes: number;
  /** A cell as it may be kept: text over the cell cap comes back cut, with a marker. */
  cell(value: Cell): Cell;
  /**
   * Counts a row of budgeted cells against the result cap. False when it does
   * not fit: the row is left out, the result is truncated, and the adapter
   * should stop reading.
   */
  admit(row: readonly Cell[]): boolean;
  /** True once a cell was cut or a row was left out for bytes. */
  readonly truncated: boolean;
  /** Bytes admitted so far (UTF-8 of text cells; 8 per number; a byte per separator). */
  readonly bytes: number;
}

export function createResultBudget(options: Pick<QueryOptions, "maxCellBytes" | "maxResultBytes">): ResultBudget {
  const maxCellBytes = options.maxCellBytes ?? sourceLimitDefaults.maxCellBytes;
  const maxResultBytes = options.maxResultBytes ?? sourceLimitDefaults.maxResultBytes;
  let bytes = 0;
  let truncated = false;
  return {
    maxCellBytes,
    maxResultBytes,
    cell(value) {
      if (typeof value !== "string") return value;
      const { text, cut } = cutText(value, maxCellBytes);
      if (cut) truncated = true;
      return text;
    },
    admit(row) {
      let size = 0;
      for (const cell of row) size += cellBytes(cell) + 1;
      if (bytes + size > maxResultBytes) {
        truncated = true;
        return false;
      }
      bytes += size;
      return true;
    },
    get truncated() {
      return truncated;
    },
    get bytes() {
      return bytes;
    },
  };
}

function cellBytes(cell: Cell): number {
  if (typeof cell === "string") return Buffer.byteLength(cell, "utf8");
  if (typeof cell === "number") return 8;
  return cell === null ? 4 : 5;
}
