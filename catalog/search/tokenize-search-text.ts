const separators = /[^\p{L}\p{N}]+/u;

/** Splits on everything but letters and digits, so `analytics.http_requests` reads as three words. */
export function tokenizeSearchText(text: string): string[] {
  return text.split(separators).filter((token) => token !== "");
}
