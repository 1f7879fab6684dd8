import type { MetricUnit } from "../../../catalog/model/metric-schema.js";
import type { Cell } from "../../../shared/query-result.js";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const byteUnits = ["B", "kB", "MB", "GB", "TB", "PB"];

function bytes(value: number): string {
  let unit = 0;
  let scaled = value;
  while (Math.abs(scaled) >= 1000 && unit < byteUnits.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${unit === 0 ? integer.format(scaled) : scaled.toFixed(scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2)} ${byteUnits[unit]}`;
}

/** A metric value as people read it: 1,234,567 · 3.42 TB · $1,234.50 · 63.2%. */
export function formatValue(cell: Cell, unit: MetricUnit): string {
  if (cell === null) return "no data";
  const value = typeof cell === "number" ? cell : Number(cell);
  if (!Number.isFinite(value)) return String(cell);
  switch (unit) {
    case "count":
      return integer.format(value);
    case "bytes":
      return bytes(value);
    case "usd":
      return usd.format(value);
    case "percent":
      return `${(value * 100).toFixed(1)}%`;
    case "number":
      return decimal.format(value);
  }
}

/** "+12.3%" / "−4.0%" / "new" (nothing before). */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "no change" : "new";
  const pct = ((current - previous) / Math.abs(previous)) * 100;
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(1)}%`;
}
