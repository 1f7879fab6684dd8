import { describe, expect, it } from "vitest";
import { signRunLink, verifyRunLink } from "./run-link.js";

const secret = "test-link-secret-0123456789abcdef0123456789";
const runId = "r_link";
const expiresAt = 1_764_500_000_000;
const now = expiresAt - 60_000;

function signed(): { exp: string; sig: string } {
  const params = new URLSearchParams(signRunLink({ secret, runId, expiresAt }));
  return { exp: params.get("exp") ?? "", sig: params.get("sig") ?? "" };
}

const verify = (sig: string | null, exp = signed().exp) => verifyRunLink({ secret, runId, exp, sig, now });

/** The same 32 bytes spelled with other spare bits in the last character (which carries 4 data bits and 2 spare). */
function otherTrailingBits(sig: string): string[] {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const last = alphabet.indexOf(sig.at(-1) ?? "");
  return [1, 2, 3].map((spare) => `${sig.slice(0, -1)}${alphabet[(last & ~3) | spare] ?? ""}`);
}

describe("verifyRunLink", () => {
  it("takes the link it signed and tells expired from forged", () => {
    expect(verify(signed().sig)).toBe("ok");
    expect(verifyRunLink({ secret, runId, ...signed(), now: expiresAt + 1 })).toBe("expired");
    expect(verifyRunLink({ secret, runId: "r_other", ...signed(), now })).toBe("forged");
    expect(verify(null)).toBe("missing");
  });

  it("refuses every other spelling of a valid signature: padded, standard alphabet, other trailing bits", () => {
    // A signature with a - or _ in it, so that it has a standard-alphabet spelling (+ and /) at all.
    let exp = expiresAt;
    while (!/[-_]/.test(signRunLink({ secret, runId, expiresAt: exp }))) exp += 1;
    const sig = new URLSearchParams(signRunLink({ secret, runId, expiresAt: exp })).get("sig") ?? "";
    const bytes = Buffer.from(sig, "base64url");
    expect(verifyRunLink({ secret, runId, exp: String(exp), sig, now })).toBe("ok");
    const spellings = [`${sig}=`, bytes.toString("base64"), bytes.toString("base64").replace(/=+$/, ""), ...otherTrailingBits(sig)];
    for (const spelling of spellings) {
      // Each one decodes to the very bytes of the signature: only its spelling is wrong.
      expect(Buffer.from(spelling, "base64url").equals(bytes), spelling).toBe(true);
      expect(spelling).not.toBe(sig);
      expect(verifyRunLink({ secret, runId, exp: String(exp), sig: spelling, now }), spelling).toBe("forged");
    }
  });

  it("refuses malformed signatures and expiries without throwing", () => {
    for (const sig of ["", "x", "not base64!", "A".repeat(42), "A".repeat(44), "A".repeat(43 * 4), `${signed().sig.slice(0, -1)} `, "%%%"]) {
      expect(() => verify(sig)).not.toThrow();
      expect(verify(sig)).not.toBe("ok");
    }
    for (const exp of ["", "-1", "1e13", "0x10", `0${signed().exp}`, "9".repeat(16), `${signed().exp}.0`]) {
      expect(verifyRunLink({ secret, runId, exp, sig: signed().sig, now })).not.toBe("ok");
    }
  });
});
