import { randomBytes } from "node:crypto";

/** A short, URL-safe, unguessable run id (run pages are addressed by it). */
export function newRunId(): string {
  return `r_${randomBytes(12).toString("base64url")}`;
}
