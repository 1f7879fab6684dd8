import { describe, expect, it } from "vitest";
import { loadConfig, sourceLimitDefaults } from "./config.js";
import { isSkiffError } from "./errors.js";

describe("loadConfig: source limits", () => {
  it("defaults the byte caps, memory and DuckDB settings", () => {
    expect(loadConfig({}).limits).toMatchObject({
      maxCellBytes: 64 * 1024,
      maxResultBytes: 16 * 1024 * 1024,
      maxQueryMemoryBytes: 1024 * 1024 * 1024,
      duckdbMemoryLimit: "1GB",
      duckdbThreads: 2,
    });
    expect(sourceLimitDefaults.maxCellBytes).toBe(65_536);
  });

  it("reads them from the environment", () => {
    const limits = loadConfig({ SKIFF_MAX_CELL_BYTES: "1024", SKIFF_MAX_RESULT_BYTES: "1048576", SKIFF_MAX_QUERY_MEMORY_BYTES: "500000000", SKIFF_DUCKDB_MEMORY_LIMIT: "512 MiB", SKIFF_DUCKDB_THREADS: "1" }).limits;
    expect(limits).toMatchObject({ maxCellBytes: 1024, maxResultBytes: 1_048_576, maxQueryMemoryBytes: 500_000_000, duckdbMemoryLimit: "512MiB", duckdbThreads: 1 });
  });

  it("names a bad value and what to set", () => {
    let error: unknown;
    try {
      loadConfig({ SKIFF_DUCKDB_MEMORY_LIMIT: "lots", SKIFF_MAX_CELL_BYTES: "0" });
    } catch (caught) {
      error = caught;
    }
    expect(isSkiffError(error, "CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toMatch(/SKIFF_DUCKDB_MEMORY_LIMIT: a size such as 512MB or 2GB/);
    expect((error as Error).message).toMatch(/SKIFF_MAX_CELL_BYTES/);
  });
});
