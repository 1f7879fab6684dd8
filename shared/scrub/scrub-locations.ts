/** Text with the machine's own locations taken out, and what was taken (for the operator's log only). */
export interface ScrubbedLocations {
  text: string;
  /** Absolute file paths, as they were. */
  files: string[];
  /** Servers (scheme, host and port; never credentials or paths), as they were. */
  servers: string[];
}

/** A URL; trailing sentence punctuation is left outside it. */
const url = /\b([a-z][a-z0-9+.-]*):\/\/[^\s'"`<>]*[^\s'"`<>.,;:!?)\]]/gi;
/** Node's DNS errors name the host without a port. */
const unresolved = /\b(ENOTFOUND|EAI_AGAIN)\s+([A-Za-z0-9.-]+[A-Za-z0-9])/g;
const bracketedHost = /\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\](?::\d{1,5})?(?!\d)/g;
const ipv4WithPort = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}:\d{1,5}(?![\d.])/g;
/** localhost or a dotted host name ending in a letters-only top-level label, with a port. */
const hostWithPort = /(?<![\w.@/-])(?:localhost|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}):\d{1,5}(?![\w.])/gi;
/**
 * An absolute POSIX path of two or more segments, or of one segment with an extension (`/demo.duckdb`):
 * a lone `/ask` is a Slack command, not a file.
 */
const posixPath = /(?<![\w.:/\\~-])\/[A-Za-z._~][\w.@+~-]*(?:\/[\w.@+~-]+)+\/?|(?<![\w.:/\\~-])\/[A-Za-z_~][\w@+~-]*\.[A-Za-z0-9]{1,10}(?![\w/])/g;
const windowsPath = /(?<![\w])[A-Za-z]:\\(?:[^\\\s'"`<>|:*?]+\\?)+/g;

function serverOf(raw: string, scheme: string): string {
  try {
    const parsed = new URL(raw);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return `${scheme}://?`;
  }
}

/**
 * Replaces absolute file paths with `<file>` and URLs and host:port pairs with `<server>`, so a message
 * can reach Slack, a run page or the model without the machine's layout. `at <file>` reads as nothing and
 * is dropped ("no DuckDB file at /home/… for source lake" becomes "no DuckDB file for source lake").
 */
export function scrubLocations(text: string): ScrubbedLocations {
  const files: string[] = [];
  const servers: string[] = [];
  let out = text.replace(url, (raw: string, scheme: string) => {
    if (scheme.toLowerCase() === "file") {
      files.push(raw.replace(/^file:\/\//i, ""));
      return "<file>";
    }
    servers.push(serverOf(raw, scheme));
    return "<server>";
  });
  out = out.replace(unresolved, (_raw, code: string, host: string) => {
    servers.push(host);
    return `${code} <server>`;
  });
  for (const pattern of [bracketedHost, ipv4WithPort, hostWithPort]) {
    out = out.replace(pattern, (raw) => {
      servers.push(raw);
      return "<server>";
    });
  }
  for (const pattern of [posixPath, windowsPath]) {
    out = out.replace(pattern, (raw) => {
      files.push(raw);
      return "<file>";
    });
  }
  out = out.replace(/ at <file>(?=\s)/g, "");
  return { text: out, files, servers };
}
