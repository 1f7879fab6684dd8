/** `skiff` exit codes: scripts branch on these. */
export const exitCodes = {
  ok: 0,
  /** Something failed, or the command line was wrong (an unknown option, an --as-of that is not a time): the message says what to do. */
  error: 1,
  /** The question (or statement) was understood to be one Skiff will not or cannot answer. */
  notAnswerable: 2,
} as const;

/** The exit codes as `skiff --help` lists them. */
export const exitCodeHelp = `Exit codes:
  0  done (ask: answered)
  1  an error: bad input (an unknown option, an --as-of that is not a time) or something failed; the message says what to do
  2  not answerable: the question or statement is one Skiff will not or cannot answer, and it says why`;
