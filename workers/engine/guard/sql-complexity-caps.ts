/**
 * Caps on one statement's size and shape, enforced by the guard's
 * "too-complex" rule. The parser and the guard's tree walks recurse, and some
 * engines plan deeply nested SQL for minutes past the query timeout; a
 * statement an analyst writes stays far inside each cap.
 */
export const sqlComplexityCaps = {
  /**
   * UTF-8 bytes of SQL, checked before anything else reads it.
   * @defaultValue 64 KiB
   */
  maxBytes: 64 * 1024,
  /**
   * Tokens (words, literals, punctuation) outside comments, counted before parsing.
   * @defaultValue 10,000
   */
  maxTokens: 10_000,
  /**
   * Brackets — `(`, `[` and `{` — open inside one another at any point, counted before parsing.
   * @defaultValue 40
   */
  maxBracketDepth: 40,
  /**
   * SELECTs nested inside one another (a scalar subquery in a subquery in …),
   * counted before parsing; the outermost SELECT is the first level.
   * @defaultValue 8
   */
  maxSubqueryDepth: 8,
  /**
   * Depth of the parsed tree, measured without recursion before the guard walks
   * it: `1+1+…+1` is about as deep as it has terms, so this bounds every walk
   * of the tree, the guard's and the masking's.
   * @defaultValue 500
   */
  maxTreeDepth: 500,
} as const;
