import { tableId } from "../../../catalog/model/catalog.js";
import type { Table } from "../../../catalog/model/table-schema.js";
import type { Caveat } from "../../../shared/caveat.js";
import type { TimeWindow } from "../planned-query.js";
import { dayMs, isoDay } from "./format-time.js";

/** The `retention` caveat when the window starts before the oldest data the table still keeps, or undefined. */
export function retentionCaveat(table: Table, window: TimeWindow, now: Date): Caveat | undefined {
  if (!table.retention) return undefined;
  const oldestKept = now.getTime() - table.retention.days * dayMs;
  if (window.start.getTime() >= oldestKept) return undefined;
  const id = tableId(table);
  return {
    kind: "retention",
    table: id,
    message: `${id} keeps ${table.retention.days} days of data, so the answer covers only from ${isoDay(oldestKept)}, not from ${isoDay(window.start)} as asked`,
  };
}
