import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Config } from "../../../shared/config.js";
import { SkiffError } from "../../../shared/errors.js";
import { createPiiKey, type PiiKey } from "./pii-key.js";

/**
 * The install's PII key: SKIFF_PII_KEY when set, else the key file under
 * SKIFF_HOME, created (owner-only) the first time, so pseudonyms stay the same
 * from one run to the next and across the processes sharing that home.
 */
export async function loadPiiKey(pii: Config["pii"]): Promise<PiiKey> {
  if (pii.secret !== undefined) return createPiiKey(pii.secret);
  try {
    return createPiiKey((await readFile(pii.keyPath, "utf8")).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw unreadable(error);
  }
  const secret = randomBytes(32).toString("hex");
  try {
    await mkdir(dirname(pii.keyPath), { recursive: true });
    // `wx`: if another process wrote the file first, its key wins and is read below.
    await writeFile(pii.keyPath, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw unreadable(error);
  }
  return createPiiKey((await readFile(pii.keyPath, "utf8")).trim());
}

function unreadable(error: unknown): SkiffError {
  return new SkiffError("CONFIG_INVALID", "Skiff could not read or create its PII key file under SKIFF_HOME; make SKIFF_HOME writable, or set SKIFF_PII_KEY", {
    cause: error,
  });
}
