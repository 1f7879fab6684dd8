import { escapeMrkdwn } from "./escape-mrkdwn.js";

const zeroWidthSpace = "\u200b";

function fence(text: string): string {
  let body = escapeMrkdwn(text).replace(/`(?=`)/g, `\`${zeroWidthSpace}`);
  if (body.startsWith("`")) body = `${zeroWidthSpace}${body}`;
  if (body.endsWith("`")) body = `${body}${zeroWidthSpace}`;
  return `\`\`\`${body}\`\`\``;
}

/** The first `length` characters, back to the last line break when there is one, never half a surrogate pair. */
function cutAt(text: string, length: number): string {
  let prefix = text.slice(0, length);
  const lineEnd = prefix.lastIndexOf("\n");
  if (lineEnd > 0) prefix = prefix.slice(0, lineEnd + 1);
  return /[\uD800-\uDBFF]$/.test(prefix) ? prefix.slice(0, -1) : prefix;
}

export interface CodeBlockOptions {
  /** The whole block, fences and entities included, stays within this many characters; longer text is cut. */
  maxChars?: number;
  /** Ends cut text. @defaultValue "…" */
  cutNote?: string;
}

/**
 * `text` (SQL, a result table) as a mrkdwn preformatted block it cannot
 * leave: escaped like any text, and no two backticks left touching, so a
 * ``` inside the text (or a backtick against a fence) cannot end the block
 * early and turn the rest into live mrkdwn. Single backticks, as in quoted
 * BigQuery identifiers, stay as they are. A cut is made before escaping, so
 * it never splits an entity or leaves a block open.
 */
export function codeBlock(text: string, options: CodeBlockOptions = {}): string {
  const full = fence(text);
  const { maxChars } = options;
  if (maxChars === undefined || full.length <= maxChars) return full;
  const note = options.cutNote ?? "…";
  // Escaping only lengthens text, so what fits is at most maxChars characters of it.
  let keep = Math.min(text.length, maxChars);
  while (keep > 0 && fence(cutAt(text, keep) + note).length > maxChars) keep = Math.floor(keep * 0.9);
  return fence(cutAt(text, keep) + note);
}
