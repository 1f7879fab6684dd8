import type { SkiffError } from "../../../shared/errors.js";
import type { Dialect } from "../../sql/dialect.js";
import { guardRejection } from "./guard-rule.js";

/** The refusal of a call to a function that is not on the dialect's allowlist, naming it as written. */
export function functionRejection(name: string, dialect: Dialect): SkiffError {
  return guardRejection(
    "function",
    `${name}() is not on Skiff's list of functions for ${dialect} SQL (functions that read outside the catalog or the engine's state are left off it); use plain functions over catalog tables`,
  );
}
