import type { z } from "zod";
import { describeValue } from "./describe-value.js";
import type { PathSegment } from "./format-path.js";
import { unknownKeyMessage } from "./unknown-key-message.js";

export interface DescribedIssue {
  path: PathSegment[];
  message: string;
}

type Issue = z.core.$ZodIssue;

const typeNames: Record<string, string> = {
  object: "a mapping",
  record: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/**
 * Zod issues → one line each, in YAML terms. Union failures are narrowed to
 * the branch the author most likely meant, so a ratio metric with a typo does
 * not also report every field an aggregate metric would need.
 */
export function describeZodIssues(issues: readonly Issue[], base: readonly PathSegment[] = []): DescribedIssue[] {
  return issues.flatMap((issue) => describeIssue(issue, [...base, ...issue.path.map(toSegment)]));
}

function describeIssue(issue: Issue, path: PathSegment[]): DescribedIssue[] {
  switch (issue.code) {
    case "invalid_union": {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (best === undefined || best.length === 0) return [{ path, message: issue.message }];
      return describeZodIssues(best, path);
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], message: unknownKeyMessage(key) }));
    case "invalid_type":
      return [{ path, message: describeInvalidType(issue, path) }];
    case "invalid_value":
      return [{ path, message: `expected one of ${issue.values.map(String).join("|")}, got ${describeValue(issue.input)}` }];
    case "invalid_key": {
      const reason = issue.issues[0]?.message ?? "not allowed here";
      return [{ path, message: `key ${describeValue(issue.input)}: ${reason}` }];
    }
    case "too_small":
      return [{ path, message: describeBound(issue, "at least", "more than") }];
    case "too_big":
      return [{ path, message: describeBound(issue, "at most", "less than") }];
    case "invalid_format":
      return [{ path, message: `${describeFormat(issue)} (got ${describeValue(issue.input)})` }];
    default:
      return [{ path, message: issue.message }];
  }
}

function describeInvalidType(issue: Extract<Issue, { code: "invalid_type" }>, path: readonly PathSegment[]): string {
  const expected = typeNames[issue.expected] ?? issue.expected;
  if (path.length === 0) {
    return `a catalog file is a mapping of sections (sources, tables, entities, metrics, dimensions, segments, glossary, evals); got ${describeValue(issue.input)}`;
  }
  if (issue.input === undefined) return `missing: expected ${expected}`;
  const scalar = typeof issue.input === "number" || typeof issue.input === "boolean";
  // A connection value may be a secret written inline by mistake: name its type, never echo it.
  const got = scalar && path.includes("connection") ? `a ${typeof issue.input}` : describeValue(issue.input);
  // YAML reads `port: 5432` or `ssl: true` as a number or boolean; connection values are strings.
  const hint = issue.expected === "string" && scalar ? " (quote it)" : "";
  return `expected ${expected}, got ${got}${hint}`;
}

function describeBound(issue: Extract<Issue, { code: "too_small" | "too_big" }>, inclusiveWord: string, exclusiveWord: string): string {
  const bound = `${issue.inclusive === false ? exclusiveWord : inclusiveWord} ${String(issue.code === "too_small" ? issue.minimum : issue.maximum)}`;
  switch (issue.origin) {
    case "array":
      return issue.code === "too_small" && issue.minimum === 1 ? "must list at least one item" : `must list ${bound} items`;
    case "string":
      return issue.code === "too_small" && issue.minimum === 1 ? "must not be empty" : `must be ${bound} characters long`;
    case "number":
    case "int":
      return `must be ${bound}, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function describeFormat(issue: Extract<Issue, { code: "invalid_format" }>): string {
  if (issue.format === "datetime") return "expected an ISO date-time with a time zone, e.g. 2025-06-01T00:00:00Z";
  return issue.message;
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === "number" ? key : String(key);
}
