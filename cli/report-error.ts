import { isSkiffError } from "../shared/errors.js";
import type { CliIo } from "./cli-io.js";
import { exitCodes } from "./exit-codes.js";

const notAnswerableCodes = new Set(["QUESTION_INVALID", "UNANSWERABLE", "SQL_REJECTED"]);

/** One clear line (or a few) for a failed command, never a stack trace; returns the exit code. */
export function reportError(error: unknown, io: CliIo, json: boolean): number {
  const code = isSkiffError(error) ? error.code : "INTERNAL";
  const message = isSkiffError(error) ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  if (json) io.out(JSON.stringify({ error: { code, message } }));
  else io.err(`skiff: ${message}`);
  return notAnswerableCodes.has(code) ? exitCodes.notAnswerable : exitCodes.error;
}
