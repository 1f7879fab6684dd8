const units = ["bytes", "KiB", "MiB", "GiB", "TiB"] as const;

/** `65536` → `64 KiB`, `1536` → `1.5 KiB`: binary units, as the byte limits are set. */
export function describeBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} bytes`;
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
  return `${shown} ${units[unit]}`;
}
