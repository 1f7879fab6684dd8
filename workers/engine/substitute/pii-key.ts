import { createHash, randomBytes } from "node:crypto";

/**
 * The per-install secret behind PII pseudonyms, prepared as HMAC-SHA256's
 * inner and outer pads so each engine can compute the HMAC in plain SQL.
 * The pads never appear in a recorded statement ({@link redactPiiKey}).
 */
export interface PiiKey {
  /** (K ⊕ 0x36…) as 128 lower-case hex digits. */
  readonly innerPadHex: string;
  /** (K ⊕ 0x5c…) as 128 lower-case hex digits. */
  readonly outerPadHex: string;
  /** K itself as hex, for engines with a native HMAC (Trino). */
  readonly keyHex: string;
}

const blockBytes = 64;

/** Derives the pads from a secret of any length (K = SHA-256 of the secret, as HMAC does for long keys). */
export function createPiiKey(secret: string | Buffer = randomBytes(32)): PiiKey {
  const key = createHash("sha256").update(secret).digest();
  const pad = (byte: number) => {
    const block = Buffer.alloc(blockBytes, 0);
    key.copy(block);
    for (let i = 0; i < blockBytes; i += 1) block[i] = (block[i] as number) ^ byte;
    return block.toString("hex");
  };
  return { innerPadHex: pad(0x36), outerPadHex: pad(0x5c), keyHex: key.toString("hex") };
}

/** The pseudonym the engines compute for a value, computed in-process: what tests compare results against. */
export function pseudonymOf(key: PiiKey, pii: string, value: string): string {
  const inner = createHash("sha256").update(Buffer.concat([Buffer.from(key.innerPadHex, "hex"), Buffer.from(value, "utf8")])).digest();
  const outer = createHash("sha256").update(Buffer.concat([Buffer.from(key.outerPadHex, "hex"), inner])).digest("hex");
  return `[${pii}:${outer.slice(0, pseudonymHexDigits)}]`;
}

/** Hex digits of the HMAC a pseudonym keeps: 64 bits, so distinct values stay distinct in any realistic table. */
export const pseudonymHexDigits = 16;

/** A statement or message with the key's pads replaced, for run records, logs and errors. */
export function redactPiiKey(text: string, key: PiiKey): string {
  return text.replaceAll(key.innerPadHex, "<pii key>").replaceAll(key.outerPadHex, "<pii key>").replaceAll(key.keyHex, "<pii key>");
}
