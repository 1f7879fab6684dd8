/** The one source of "now" in Skiff: answers are computed as of a clock, so tests and replays are exact. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  const frozen = new Date(at.getTime());
  return { now: () => new Date(frozen.getTime()) };
}
