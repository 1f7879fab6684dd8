import { maskPiiText } from "./mask-pii-text.js";

/** Every string inside a JSON value, PII-masked: tool arguments, plans, anything a model wrote. */
export function maskPiiDeep(value: unknown): unknown {
  if (typeof value === "string") return maskPiiText(value);
  if (Array.isArray(value)) return value.map(maskPiiDeep);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskPiiDeep(inner)]));
  }
  return value;
}
