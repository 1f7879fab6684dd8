/** `skiff` exit codes: scripts branch on these. */
export const exitCodes = {
  ok: 0,
  error: 1,
  /** The question (or statement) was understood to be one Skiff will not or cannot answer. */
  notAnswerable: 2,
} as const;
