import { isSkiffError } from "../../../shared/errors.js";

/**
 * Whether a failed query failed because its source did not answer (down, too slow, or the run's deadline
 * came first), as opposed to SQL that failed or was refused. Only the former makes an answer `partial`:
 * a statement that failed on the data fails again, and the answer must not read as if a source was away.
 */
export function sourceDidNotAnswer(error: unknown): boolean {
  return isSkiffError(error, "SOURCE_UNAVAILABLE") || isSkiffError(error, "QUERY_TIMEOUT");
}
