/** The PII shapes Skiff recognises in free text (error messages, model text, run records, log lines). */
export const piiTextKinds = ["email", "ip_address", "phone"] as const;
export type PiiTextKind = (typeof piiTextKinds)[number];

export interface PiiMatch {
  kind: PiiTextKind;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export interface FindPiiOptions {
  /**
   * Leaves an IP address that is a server's (followed by `:port`, or the host of a URL) alone: the operator's
   * log keeps which server refused a connection. Anywhere else a server address is PII-shaped like any other.
   * @defaultValue false
   */
  keepServerAddresses?: boolean;
}

// Shapes are deliberately narrow: a false positive eats part of an error message or an answer, so
// timestamps (12:30, 2026-11-30T10:00:00Z), versions (1.2.3, v1.5.6), dates and plain numbers must never match.
const email = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])/g;
const octet = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
/** Four octets, not part of a longer dotted run (a four-part version number inside a longer one). */
const ipv4 = new RegExp(`(?<![\\w.])${octet}(?:\\.${octet}){3}(?!\\w|\\.\\d)`, "g");
/** Candidates only; {@link isIpv6} decides. */
const ipv6Candidate = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/g;
/** International form only (+ and a country code): national formats look too much like other numbers. */
const phone = /(?<![\w+)])\+\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,4})){2,6}(?![\w]|[.-]\d)/g;

function isIpv6(text: string): boolean {
  const body = text.replace(/:\d{1,3}(?:\.\d{1,3}){3}$/, ":0:0");
  const doubles = body.split("::").length - 1;
  if (doubles > 1) return false;
  const groups = body.split(":").filter((g) => g !== "");
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  // A digit and at least two groups: "c::bad" or "ad::da" (SQL casts) and "::1" are not a person's address.
  if (!/\d/.test(body) || groups.length < 2) return false;
  return doubles === 1 ? groups.length <= 7 : groups.length === 8;
}

function digitCount(text: string): number {
  return text.replace(/\D/g, "").length;
}

function isServerAddress(text: string, match: PiiMatch): boolean {
  const after = text.slice(match.end);
  const before = text.slice(Math.max(0, match.start - 3), match.start);
  return /^:\d{1,5}(?!\d)/.test(after) || /\/\/$|\/\/\[$|@$/.test(before) || (before.endsWith("[") && /^\]:\d/.test(after));
}

/**
 * Where PII-shaped values (emails, IPv4 and IPv6 addresses, phone numbers in international form)
 * occur in `text`, in order and never overlapping.
 */
export function findPii(text: string, options: FindPiiOptions = {}): PiiMatch[] {
  const found: PiiMatch[] = [];
  const collect = (pattern: RegExp, kind: PiiTextKind, accept: (value: string) => boolean = () => true) => {
    for (const m of text.matchAll(pattern)) {
      if (!accept(m[0])) continue;
      found.push({ kind, start: m.index, end: m.index + m[0].length });
    }
  };
  collect(email, "email");
  collect(ipv4, "ip_address");
  collect(ipv6Candidate, "ip_address", isIpv6);
  collect(phone, "phone", (value) => {
    const digits = digitCount(value);
    return digits >= 8 && digits <= 15;
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PiiMatch[] = [];
  for (const match of found) {
    const previous = kept.at(-1);
    if (previous && match.start < previous.end) continue;
    if (options.keepServerAddresses && match.kind === "ip_address" && isServerAddress(text, match)) continue;
    kept.push(match);
  }
  return kept;
}
