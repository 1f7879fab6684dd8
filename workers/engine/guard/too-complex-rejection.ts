import type { SkiffError } from "../../../shared/errors.js";
import { guardRejection } from "./guard-rule.js";

/** The refusal of a statement past one of the caps in ./sql-complexity-caps.ts: what is too big, and what to do instead. */
export function tooComplexRejection(what: string): SkiffError {
  return guardRejection("too-complex", `${what}; split it into smaller queries or combine saved results`);
}
