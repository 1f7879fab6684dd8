import { createHmac, timingSafeEqual } from "node:crypto";

export interface RunLinkOptions {
  secret: string;
  runId: string;
  /** ms since epoch after which the link stops working. */
  expiresAt: number;
}

/** 32 bytes of HMAC-SHA256 in unpadded base64url. */
const signaturePattern = /^[A-Za-z0-9_-]{43}$/;
const expiryPattern = /^[1-9]\d{0,14}$/;

function signature(secret: string, runId: string, expiresAt: number): Buffer {
  return createHmac("sha256", secret).update(`${runId}\n${expiresAt}`).digest();
}

/** `?exp=…&sig=…` for a run page: HMAC-SHA256 over the run id and the expiry. */
export function signRunLink(options: RunLinkOptions): string {
  const sig = signature(options.secret, options.runId, options.expiresAt).toString("base64url");
  return `exp=${options.expiresAt}&sig=${sig}`;
}

export type RunLinkVerdict = "ok" | "missing" | "forged" | "expired";

/**
 * Checks a run page's `exp` and `sig` (constant-time), then the expiry. Only
 * the exact strings signRunLink writes pass: Node's base64url decoder also
 * takes padding, `+` and `/`, and ignores the last character's spare bits,
 * so several spellings decode to the same bytes. A signature must re-encode
 * to itself, which leaves one spelling per link.
 */
export function verifyRunLink(options: { secret: string; runId: string; exp: string | null; sig: string | null; now: number }): RunLinkVerdict {
  if (!options.exp || !options.sig) return "missing";
  if (!expiryPattern.test(options.exp) || !signaturePattern.test(options.sig)) return "forged";
  const given = Buffer.from(options.sig, "base64url");
  if (given.toString("base64url") !== options.sig) return "forged";
  const expiresAt = Number(options.exp);
  const expected = signature(options.secret, options.runId, expiresAt);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "forged";
  return expiresAt < options.now ? "expired" : "ok";
}
