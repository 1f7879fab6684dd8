import type { TimeWindow } from "../../engine/planned-query.js";

/** The window of the same length just before `window`. */
export function previousPeriodOf(window: TimeWindow): TimeWindow {
  const length = window.end.getTime() - window.start.getTime();
  return { start: new Date(window.start.getTime() - length), end: window.start };
}
