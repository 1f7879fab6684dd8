export const DAY_MS = 86_400_000;

/** Every time boundary the demo lake is built around, derived from asOf alone (UTC). */
export interface DemoWindow {
  asOfMs: number;
  /** Midnight UTC of asOf's day: "today" starts here. */
  dayStartMs: number;
  /** Midnight UTC on the 1st of asOf's month. */
  monthStartMs: number;
  /** Oldest account: about three years of company history. */
  historyStartMs: number;
  /** 30-day retention of the request logs. */
  requestsStartMs: number;
  /** Newest request row: the log pipeline runs about two minutes behind. */
  requestsEndMs: number;
  /** Usage days (days since 1970-01-01), both inclusive: 90 days up to yesterday. */
  usageFirstDay: number;
  usageLastDay: number;
}

export const REQUEST_LAG_MS = 120_000;

export function demoWindow(asOf: Date): DemoWindow {
  const asOfMs = asOf.getTime();
  const today = Math.floor(asOfMs / DAY_MS);
  return {
    asOfMs,
    dayStartMs: today * DAY_MS,
    monthStartMs: Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1),
    historyStartMs: asOfMs - 3 * 365 * DAY_MS,
    requestsStartMs: asOfMs - 30 * DAY_MS,
    requestsEndMs: asOfMs - REQUEST_LAG_MS,
    usageFirstDay: today - 90,
    usageLastDay: today - 1,
  };
}
