import { describe, expect, it } from "vitest";
import { isSkiffError } from "../../shared/errors.js";
import { resolveEnvReferences } from "./resolve-env-references.js";

describe("resolveEnvReferences", () => {
  it("replaces set variables, several per value", () => {
    expect(resolveEnvReferences("${HOME_DIR}/x/${NAME}.duckdb", { HOME_DIR: "/srv", NAME: "lake" })).toBe("/srv/x/lake.duckdb");
  });

  it("uses the default when the variable is unset or empty", () => {
    expect(resolveEnvReferences("${DB:-.skiff/demo.duckdb}", {})).toBe(".skiff/demo.duckdb");
    expect(resolveEnvReferences("${DB:-.skiff/demo.duckdb}", { DB: "" })).toBe(".skiff/demo.duckdb");
    expect(resolveEnvReferences("${DB:-fallback}", { DB: "/data/lake.duckdb" })).toBe("/data/lake.duckdb");
    expect(resolveEnvReferences("${DB:-}", {})).toBe("");
  });

  it("leaves text without references alone", () => {
    expect(resolveEnvReferences("/plain/path.duckdb", {})).toBe("/plain/path.duckdb");
  });

  it("names the variable and the source when a variable without default is missing", () => {
    let caught: unknown;
    try {
      resolveEnvReferences("${ACCOUNTS_PASSWORD}", {}, "accounts");
    } catch (error) {
      caught = error;
    }
    expect(isSkiffError(caught, "CONFIG_INVALID")).toBe(true);
    expect((caught as Error).message).toContain("ACCOUNTS_PASSWORD");
    expect((caught as Error).message).toContain("source accounts");
  });
});
