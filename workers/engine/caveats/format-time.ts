const day = 86_400_000;

/** `2026-11-30` for the UTC day of an instant. */
export function isoDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The start of the UTC day an instant falls in. */
export function startOfUtcDay(at: Date | number): number {
  const ms = new Date(at).getTime();
  return ms - (((ms % day) + day) % day);
}

/** A catalog duration back in the words it was written in: `15m`, `36h`, `2d`. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [day, "d"],
    [3_600_000, "h"],
    [60_000, "m"],
    [1_000, "s"],
  ];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1_000)}s`;
}

/** A rough age for people: `3h 20m`, `2d 4h`, `45m`. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return rest > 0 ? `${hours}h ${rest}m` : `${hours}h`;
  return `${rest}m`;
}

export const dayMs = day;
