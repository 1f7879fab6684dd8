/**
 * Decoders for encodings a statement applies that the leak check does not undo
 * on its own: each turns an output back into text where a raw value would show.
 */
export const decoders = {
  /** Characters spread over rows or list items (`[["m"],["a"],…]`): keep only what an email or IP is made of. */
  squeeze: (text: string): string => text.toLowerCase().replace(/[^a-z0-9.@-]/g, ""),
  /** Character codes (`[109, 97, …]`) back to characters. */
  charCodes: (text: string): string =>
    decoders.squeeze(text.replace(/\d+/g, (digits) => (Number(digits) >= 32 && Number(digits) <= 126 ? String.fromCharCode(Number(digits)) : " "))),
  /** `translate(…, 'abc…z', 'bcd…a')`: every letter one back. */
  shiftBack: (text: string): string => text.replace(/[a-z]/g, (letter) => String.fromCharCode(((letter.charCodeAt(0) - 97 + 25) % 26) + 97)),
  /** `replace(email, '.', ' dot ')`. */
  dotWords: (text: string): string => text.replace(/ dot /gi, "."),
  /** `replaceAll(client_ip, '.', '-')`. */
  dashesToDots: (text: string): string => text.replace(/-/g, "."),
  /** Separators put between characters (`m|a|t…`). */
  withoutPipes: (text: string): string => text.replace(/\|/g, ""),
  /** IPv4StringToNum: 32-bit numbers back to dotted quads. */
  ipv4Numbers: (text: string): string =>
    text.replace(/\d{8,10}/g, (digits) => {
      const n = Number(digits);
      if (n < 16_777_216 || n > 4_294_967_295) return digits;
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
    }),
  /** One octet per row (`[["1"],["2"],…]`): rows joined by dots, so consecutive octets read as an address again. */
  rowsJoinedByDots: (text: string): string => decoders.squeeze(text.replace(/"?\]\s*,\s*\["?/g, ".")),
  /** Octets as a list (`[1, 2, 3, 4]`) back to a dotted quad. */
  octetLists: (text: string): string => text.replace(/[\\"']/g, "").replace(/\[\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\]/g, "$1.$2.$3.$4"),
} as const;
