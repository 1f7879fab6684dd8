const DAY = 86_400_000;

export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY) * DAY);
}

export function addUtcDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

/** Monday 00:00 UTC of the ISO week holding `at`. */
export function startOfUtcWeek(at: Date): Date {
  const day = startOfUtcDay(at);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return addUtcDays(day, -sinceMonday);
}

export function startOfUtcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function startOfUtcYear(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), 0, 1));
}

/** Calendar month arithmetic, clamping the day (Mar 31 − 1 month = Feb 28/29). */
export function addUtcMonths(at: Date, months: number): Date {
  const target = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  target.setUTCHours(at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds());
  return target;
}

/** `2026-11-30 12:00` (UTC, minutes only; seconds when present). */
export function formatUtc(at: Date): string {
  const iso = at.toISOString();
  const seconds = iso.slice(17, 19) === "00" ? "" : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds}`;
}

export function formatUtcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
