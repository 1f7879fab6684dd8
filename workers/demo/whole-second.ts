/** Signup times are whole seconds, as a control-plane database would store them. */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** The last whole second strictly before `ms`, so "created before asOf" still holds after rounding. */
export function lastSecondBefore(ms: number): number {
  return Math.ceil(ms / 1000) * 1000 - 1000;
}
