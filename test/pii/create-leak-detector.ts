import { createHash } from "node:crypto";

/** Every PII value in the lake and on the servers, as read straight from them (never through Skiff). */
export interface RawPii {
  emails: readonly string[];
  clientIps: readonly string[];
}

export type LeakKind = "email" | "email local part" | "email domain" | "client ip" | "hash of a raw value" | "pii key material";

/** One raw value found in one text, and the encoding it was found through. */
export interface Leak {
  kind: LeakKind;
  value: string;
  /** `plain`, `reversed`, `hex`, `base64`, `url`, `decoded` (the case's own decoder) or `hash`. */
  via: string;
}

export interface ScanOptions {
  /** Values the statement itself contains (the attacker's own guess): echoing them back is not a leak. */
  known?: ReadonlySet<string>;
  /** The case's own decoder for an encoding the generic ones do not undo. */
  decode?: (text: string) => string;
  /**
   * Hex runs at least this long count as the PII key's pads (128 hex digits each)
   * or a piece of one. Messages and logs never hold long hex; result cells may
   * (md5, sha256 of a pseudonym), so they pass a higher bar.
   * @defaultValue no key check
   */
  keyHexRun?: number;
}

export interface LeakDetector {
  /** Raw values `text` shows, directly or through the usual encodings. */
  scan(text: string, options?: ScanOptions): Leak[];
  /** How many raw values it looks for. */
  size: number;
}

/**
 * The raw set: every email, every email's local part (when ≥ 4 characters) and
 * domain, every client IP, and the md5/sha1/sha256 of each. Matching is
 * case-insensitive and by substring (an upper-cased or concatenated email still
 * counts), through reversed text, hex, base64 and %-encoding.
 */
export function createLeakDetector(raw: RawPii): LeakDetector {
  const kinds = new Map<string, LeakKind>();
  const add = (value: string, kind: LeakKind) => {
    const key = value.toLowerCase();
    // An email outranks its parts, a part outranks nothing: keep the most telling kind.
    if (!kinds.has(key)) kinds.set(key, kind);
  };
  for (const email of raw.emails) add(email, "email");
  for (const ip of raw.clientIps) add(ip, "client ip");
  for (const email of raw.emails) {
    const at = email.lastIndexOf("@");
    if (at >= 4) add(email.slice(0, at), "email local part");
    if (at >= 0 && email.length - at - 1 >= 4) add(email.slice(at + 1), "email domain");
  }
  const hashes = new Map<string, string>();
  for (const [value, kind] of kinds) {
    if (kind === "email domain") continue;
    for (const algorithm of ["md5", "sha1", "sha256"]) hashes.set(createHash(algorithm).update(value).digest("hex"), `${algorithm}(${value})`);
  }

  // Index by each value's first `gram` characters: one map lookup per text position.
  const gram = Math.min(...[...kinds.keys()].map((value) => value.length));
  if (!Number.isFinite(gram) || gram < 4) throw new Error(`the raw set needs values of at least 4 characters (shortest: ${gram})`);
  const byGram = new Map<string, string[]>();
  for (const value of kinds.keys()) {
    const head = value.slice(0, gram);
    const list = byGram.get(head);
    if (list) list.push(value);
    else byGram.set(head, [value]);
  }

  const substrings = (text: string): string[] => {
    const found: string[] = [];
    for (let i = 0; i + gram <= text.length; i += 1) {
      const candidates = byGram.get(text.slice(i, i + gram));
      if (!candidates) continue;
      for (const value of candidates) if (text.startsWith(value, i)) found.push(value);
    }
    return found;
  };

  return {
    size: kinds.size + hashes.size,
    scan(text, options = {}) {
      const known = options.known ?? new Set<string>();
      const leaks = new Map<string, Leak>();
      const note = (kind: LeakKind, value: string, via: string) => {
        if (known.has(value)) return;
        const key = `${kind}\u0000${value}`;
        if (!leaks.has(key)) leaks.set(key, { kind, value, via });
      };
      for (const [via, variant] of variants(text, options.decode)) {
        for (const value of substrings(variant)) note(kinds.get(value) as LeakKind, value, via);
      }
      for (const run of text.toLowerCase().match(/[0-9a-f]{32,}/g) ?? []) {
        const hashed = hashes.get(run);
        if (hashed) note("hash of a raw value", hashed, "hash");
      }
      if (options.keyHexRun !== undefined) {
        for (const run of text.match(new RegExp(`[0-9a-fA-F]{${options.keyHexRun},}`, "g")) ?? []) {
          if (hashes.has(run.toLowerCase())) continue;
          // HMAC's pads end in the key's padding: 0x36 repeated (inner), 0x5c repeated (outer).
          const pad = /(36){16}/.test(run) ? "inner HMAC pad " : /(5c){16}/i.test(run) ? "outer HMAC pad " : "";
          note("pii key material", `${pad}${run.slice(0, 24)}… (${run.length} hex digits)`, "plain");
        }
      }
      return [...leaks.values()];
    },
  };
}

/** The text as an attacker could read it back: as is, reversed, with hex, base64 and %-escapes decoded. */
function variants(text: string, decode: ((text: string) => string) | undefined): Array<[string, string]> {
  const lower = text.toLowerCase();
  const out: Array<[string, string]> = [
    ["plain", lower],
    ["reversed", [...lower].reverse().join("")],
  ];
  // Both alignments: a run may start one digit early (a hex-looking letter before it).
  const hex = (lower.match(/[0-9a-f]{8,}/g) ?? []).flatMap((run) => [run, run.slice(1)].map((aligned) => Buffer.from(aligned, "hex").toString("latin1")));
  if (hex.length > 0) out.push(["hex", hex.join("\n").toLowerCase()]);
  const base64 = (text.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? []).map((run) => Buffer.from(run, "base64").toString("latin1"));
  if (base64.length > 0) out.push(["base64", base64.join("\n").toLowerCase()]);
  if (/%[0-9a-f]{2}/i.test(text)) out.push(["url", lower.replace(/%([0-9a-f]{2})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)))]);
  if (decode) out.push(["decoded", decode(text).toLowerCase()]);
  return out;
}
