import { maskPiiText } from "../../../shared/scrub/mask-pii-text.js";
import { scrubLocations } from "../../../shared/scrub/scrub-locations.js";

export interface ScrubbedEngineMessage {
  message: string;
  /** File paths and servers taken out, for the operator's log (never for the asker, the model or the record). */
  files: string[];
  servers: string[];
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Drops DuckDB's `LINE 1: <sql>` echo and every caret line with the line it points into (which echoes SQL or a value). */
function dropEchoes(message: string): string {
  const kept: string[] = [];
  let echoed = false;
  for (const line of message.split("\n")) {
    if (/^\s*LINE \d+:/.test(line)) {
      echoed = true;
      continue;
    }
    if (/^\s*\^\s*$/.test(line)) {
      if (!echoed) kept.pop();
      echoed = false;
      continue;
    }
    echoed = false;
    kept.push(line);
  }
  return kept.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** Where the quote opened at `open` closes (`''` is an escaped quote; for `'`, a quote between letters is an apostrophe); -1 when it never does on its line. */
function closingQuote(text: string, open: number, quote: string): number {
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j];
    if (c === "\n") return -1;
    if (c !== quote) continue;
    if (text[j + 1] === quote) {
      j += 1;
      continue;
    }
    if (quote === "'" && isWordChar(text[j - 1]) && isWordChar(text[j + 1])) continue;
    return j;
  }
  return -1;
}

/**
 * Replaces quoted text: single-quoted text always (it is a value), double-quoted or backticked text unless
 * it is an identifier the statement or its source's catalog names (the model needs those to repair its
 * SQL). A quoted path or server becomes `<file>` or `<server>`; any other quoted text becomes `<value>`.
 */
function replaceQuoted(text: string, known: ReadonlySet<string>, taken: { files: string[]; servers: string[] }): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const opens = (c === "'" || c === '"' || c === "`") && !(c === "'" && isWordChar(text[i - 1]));
    if (!opens) {
      out += c;
      i += 1;
      continue;
    }
    const close = closingQuote(text, i, c);
    const end = close === -1 ? (text.indexOf("\n", i) === -1 ? text.length : text.indexOf("\n", i)) : close + 1;
    const inner = text.slice(i + 1, close === -1 ? end : close).replaceAll(c + c, c);
    const identifier = c !== "'" && inner !== "" && inner.split(".").every((part) => known.has(part.toLowerCase()));
    const location = c === "'" || identifier ? undefined : scrubLocations(inner);
    if (identifier) out += text.slice(i, end);
    else if (location && (location.text === "<file>" || location.text === "<server>")) {
      taken.files.push(...location.files);
      taken.servers.push(...location.servers);
      out += location.text;
    } else out += "<value>";
    i = end;
  }
  return out;
}

/**
 * An engine's error text made fit for the asker, the model, the run record and the log: no echoed SQL,
 * no quoted values, no PII-shaped values, no file paths or servers. What the engine said about the
 * statement itself (which column, which function, which type) stays, so the model can repair it.
 */
export function scrubEngineMessage(message: string, known: ReadonlySet<string>): ScrubbedEngineMessage {
  const taken = { files: [] as string[], servers: [] as string[] };
  const unquoted = replaceQuoted(dropEchoes(message), known, taken);
  const located = scrubLocations(unquoted);
  const files = [...new Set([...taken.files, ...located.files])];
  const servers = [...new Set([...taken.servers, ...located.servers])];
  return { message: maskPiiText(located.text), files, servers };
}
