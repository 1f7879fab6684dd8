/**
 * Skiff's one error family. Every failure that crosses a module boundary is a
 * {@link SkiffError} with a stable `code`; `retryable` tells a queue whether
 * backing off and trying again can help.
 */
export const errorCodes = {
  CONFIG_INVALID: { retryable: false },
  CATALOG_INVALID: { retryable: false },
  QUESTION_INVALID: { retryable: false },
  UNANSWERABLE: { retryable: false },
  UNKNOWN_SOURCE: { retryable: false },
  UNKNOWN_TABLE: { retryable: false },
  SQL_REJECTED: { retryable: false },
  SQL_FAILED: { retryable: false },
  QUERY_TIMEOUT: { retryable: true },
  SOURCE_UNAVAILABLE: { retryable: true },
  TOO_EXPENSIVE: { retryable: false },
  RUN_NOT_FOUND: { retryable: false },
  /** The model API kept failing (429, 5xx, 529, network) after its retries. */
  MODEL_UNAVAILABLE: { retryable: true },
  /** The model answered with something Skiff cannot use (malformed response). */
  MODEL_FAILED: { retryable: false },
  INTERNAL: { retryable: false },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface SkiffErrorOptions {
  cause?: unknown;
  /** Overrides the code's default retryability. */
  retryable?: boolean;
  /** Structured detail for logs and run records (never secrets). */
  detail?: Record<string, unknown>;
}

export class SkiffError extends Error {
  override readonly name = "SkiffError";
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: SkiffErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? errorCodes[code].retryable;
    this.detail = options.detail;
  }
}

export function isSkiffError(error: unknown, code?: ErrorCode): error is SkiffError {
  return error instanceof SkiffError && (code === undefined || error.code === code);
}
