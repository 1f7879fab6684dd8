import { createHmac, timingSafeEqual } from "node:crypto";

export interface RunLinkOptions {
  secret: string;
  runId: string;
  /** ms since epoch after which the link stops working. */
  expiresAt: number;
}

function signature(secret: string, runId: string, expiresAt: number): Buffer {
  return createHmac("sha256", secret).update(`${runId}\n${expiresAt}`).digest();
}

/** `?exp=…&sig=…` for a run page: HMAC-SHA256 over the run id and the expiry. */
export function signRunLink(options: RunLinkOptions): string {
  const sig = signature(options.secret, options.runId, options.expiresAt).toString("base64url");
  return `exp=${options.expiresAt}&sig=${sig}`;
}

export type RunLinkVerdict = "ok" | "missing" | "forged" | "expired";

/** Checks a run page's `exp` and `sig` (constant-time), then the expiry. */
export function verifyRunLink(options: { secret: string; runId: string; exp: string | null; sig: string | null; now: number }): RunLinkVerdict {
  if (!options.exp || !options.sig) return "missing";
  if (!/^\d{1,15}$/.test(options.exp)) return "forged";
  const expiresAt = Number(options.exp);
  const expected = signature(options.secret, options.runId, expiresAt);
  const given = Buffer.from(options.sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "forged";
  return expiresAt < options.now ? "expired" : "ok";
}
