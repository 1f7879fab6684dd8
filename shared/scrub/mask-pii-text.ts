import { findPii, type FindPiiOptions } from "./find-pii.js";

/**
 * `text` with every PII-shaped value replaced by its kind in brackets (`[email]`, `[ip_address]`,
 * `[phone]`). Idempotent: the replacements are not PII-shaped themselves.
 */
export function maskPiiText(text: string, options: FindPiiOptions = {}): string {
  const matches = findPii(text, options);
  if (matches.length === 0) return text;
  let out = "";
  let at = 0;
  for (const match of matches) {
    out += `${text.slice(at, match.start)}[${match.kind}]`;
    at = match.end;
  }
  return out + text.slice(at);
}
