const escapes: Readonly<Record<string, string>> = { b: "\b", f: "\f", r: "\r", n: "\n", t: "\t", "0": "\0", "'": "'", "\\": "\\", a: "\x07", v: "\v" };

/**
 * One line of ClickHouse's TabSeparated output as fields, unescaped; `\N`
 * (NULL) becomes null. Tabs and newlines inside values arrive escaped, so
 * splitting on a raw tab is safe.
 */
export function parseTsvRow(line: string): Array<string | null> {
  return line.split("\t").map((field) => {
    if (field === "\\N") return null;
    if (!field.includes("\\")) return field;
    return field.replace(/\\(.)/g, (_whole, char: string) => escapes[char] ?? char);
  });
}
