import type { Catalog } from "../../../catalog/model/catalog.js";
import { SkiffError } from "../../../shared/errors.js";
import { describeCapabilities } from "./describe-capabilities.js";

/** Refuses a question with the reason and what the catalog can answer instead. */
export function unanswerable(catalog: Catalog, reason: string): never {
  throw new SkiffError("UNANSWERABLE", `${reason}\n${describeCapabilities(catalog)}`);
}
